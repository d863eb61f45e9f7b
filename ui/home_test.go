package ui

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/assets"
	"crosstalk/data"
	cttheme "crosstalk/ui/theme"
)

func japanese(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", "ja_JP.UTF-8")
	if err := assets.LoadTranslations(); err != nil {
		t.Fatal(err)
	}
}

// newTestApp is a headless app with CrossTalk's theme, so that Japanese
// renders with the bundled font on every machine.
func newTestApp(t *testing.T) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	return a
}

// refreshed runs h.Refresh and waits for its result to be shown.
func refreshed(t *testing.T, h *Home) {
	t.Helper()
	done := make(chan struct{})
	h.Refresh(func() { close(done) })
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Refresh did not finish")
	}
}

// The start view of the demo user shows who they are and their figures,
// read from a real demo database.
func TestHomeShowsTheDemoUser(t *testing.T) {
	japanese(t)
	newTestApp(t)
	now := time.Now()
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Import(context.Background(), demo.Demo(now)); err != nil {
		t.Fatal(err)
	}
	h := NewHome(st, demo.DemoUser, func() time.Time { return now })
	w := test.NewTempWindow(t, h.Content())
	w.Resize(fyne.NewSize(600, 300))
	if got := h.who.Text; got != "読み込んでいます…" {
		t.Errorf("before loading: %q", got)
	}
	refreshed(t, h)

	waiting, _ := st.Inbox(context.Background(), demo.DemoUser, app.BoxNeedsMyAnswer, now)
	if got, want := h.who.Text, "田中 誠さん（株式会社みなと精工）としてお使いです。"; got != want {
		t.Errorf("who: %q, want %q", got, want)
	}
	if got, want := h.waiting.Text, "お返事を待っているオファー："+strconv.Itoa(len(waiting))+"件"; got != want {
		t.Errorf("waiting: %q, want %q", got, want)
	}
	talks, _ := st.TalksBetween(context.Background(), demo.DemoUser, now, now.AddDate(0, 0, 14))
	scheduled := 0
	for _, k := range talks {
		if k.State == app.TalkScheduled {
			scheduled++
		}
	}
	if got, want := h.talks.Text, "これから2週間のクロストーク："+strconv.Itoa(scheduled)+"件"; got != want || scheduled == 0 {
		t.Errorf("talks: %q, want %q", got, want)
	}
}

// A reader that fails makes the view say so, in Japanese.
func TestHomeShowsAnError(t *testing.T) {
	japanese(t)
	newTestApp(t)
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := NewHome(st, "no-such-person", time.Now)
	test.NewTempWindow(t, h.Content())
	refreshed(t, h)
	if got, want := h.who.Text, "データを読み込めませんでした。アプリを終了して、もう一度お試しください。"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if h.waiting.Text != "" || h.talks.Text != "" {
		t.Errorf("figures shown after an error: %q %q", h.waiting.Text, h.talks.Text)
	}
}
