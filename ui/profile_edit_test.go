package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
)

// eventuallyTrue waits for cond, which runs on the UI goroutine.
func eventuallyTrue(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		ok := make(chan bool, 1)
		fyne.Do(func() { ok <- cond() })
		if <-ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met within 5 s")
}

func TestProfileEditor(t *testing.T) {
	japanese(t)
	newTestApp(t)
	svc := newTestServices(t)
	e := NewProfileEditor(svc, nil)
	w := test.NewTempWindow(t, e.Content())
	e.win = w
	w.Resize(fyne.NewSize(800, 900))
	loaded := make(chan struct{}, 1)
	e.OnLoaded = func() { loaded <- struct{}{} }
	e.Refresh()
	select {
	case <-loaded:
	case <-time.After(5 * time.Second):
		t.Fatal("the profile did not load")
	}
	if e.name.Text != "田中 誠" {
		t.Fatalf("name %q", e.name.Text)
	}
	if e.company.Text != "株式会社みなと精工" || e.ageBand.Selected != "55-59" || !e.visible.Checked {
		t.Fatalf("loaded %q %q %v", e.company.Text, e.ageBand.Selected, e.visible.Checked)
	}

	// A reading in kanji is refused in words, and nothing is saved.
	e.kana.SetText("田中")
	test.Tap(e.save)
	if e.message.Text != "ふりがなは、ひらがなかカタカナで入力してください。" || len(svc.calls) != 0 {
		t.Fatalf("kanji reading: %q, %v", e.message.Text, svc.calls)
	}
	e.kana.SetText("たなか まこと")
	e.themes.SetText("地域貢献、囲碁　学び直し、地域貢献")
	e.intro.SetText("製造現場で三十年働いてきました。")
	e.modes.SetSelected([]string{"電話"})
	e.visible.SetChecked(false)
	test.Tap(e.save)
	eventuallyTrue(t, func() bool { return e.message.Text == "保存しました。" })
	p, err := svc.Person(context.Background(), svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kana != "たなか まこと" || !slices.Equal(p.Themes, []string{"地域貢献", "囲碁", "学び直し"}) ||
		!slices.Equal(p.Modes, []app.Mode{app.ModePhone}) || p.Visible || p.Intro != "製造現場で三十年働いてきました。" {
		t.Fatalf("saved %+v", p)
	}
}
