package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

func TestFirstRun(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	answers := make(chan ConnectProblem, 1)
	var got struct{ server, code string }
	demo := false
	f := NewFirstRun("https://crosstalk.example.jp", FirstRunActions{
		Connect: func(_ context.Context, server, code string) ConnectProblem {
			got.server, got.code = server, code
			return <-answers
		},
		Demo: func() { demo = true },
	})
	w := test.NewTempWindow(t, f.Content())
	w.Resize(fyne.NewSize(700, 700))
	if f.server.Text != "https://crosstalk.example.jp" {
		t.Fatalf("server not prefilled: %q", f.server.Text)
	}
	test.Tap(f.connect)
	if f.message.Text != "招待コードを入力してください。" {
		t.Fatalf("no code: %q", f.message.Text)
	}
	test.Type(f.code, "abcd-efgh-jkmn")
	for _, c := range []struct {
		p    ConnectProblem
		want string
	}{
		{ConnectBadCode, "招待コードが正しくないか、期限が切れています。人事のご担当者に新しいコードをお尋ねください。"},
		{ConnectUnreachable, "サーバーにつながりません。インターネットへの接続を確かめて、もう一度お試しください。"},
		{ConnectBadAddress, "サーバーのアドレスが正しくありません。お知らせしたアドレスと見比べてください。"},
		{ConnectServerError, "サーバーから正しい応答がありませんでした。しばらくしてから、もう一度お試しください。"},
		{ConnectTooManyAttempts, "招待コードの入力が続けて正しくなかったため、しばらく受け付けません。5分ほど待って、コードを確かめてから、もう一度お試しください。"},
	} {
		answers <- c.p
		test.Tap(f.connect)
		settle()
		if f.message.Text != c.want || f.connect.Disabled() {
			t.Errorf("after %d: %q, connect disabled %v", c.p, f.message.Text, f.connect.Disabled())
		}
	}
	if got.server != "https://crosstalk.example.jp" || got.code != "abcd-efgh-jkmn" {
		t.Errorf("connect called with %+v", got)
	}
	test.Tap(f.demo)
	if !demo {
		t.Error("the demo did not start")
	}
}

// The server address typed at the first launch is kept until it
// connects, and shown again with a note; the invite code is never
// written down.
func TestFirstRunDraft(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	store := &uitest.Drafts{}
	answers := make(chan ConnectProblem, 1)
	acts := FirstRunActions{
		Connect: func(context.Context, string, string) ConnectProblem { return <-answers },
		Drafts:  store,
	}
	f := NewFirstRun("", acts)
	settle()
	f.server.SetText("https://crosstalk.example.jp")
	f.code.SetText("abcd-efgh-jkmn")
	answers <- ConnectUnreachable
	test.Tap(f.connect)
	settle()
	widgets.FlushDrafts()
	if got := store.Saved(firstRunDraftKey); got != `{"server":"https://crosstalk.example.jp"}` {
		t.Fatalf("draft %q", got)
	}

	f = NewFirstRun("", acts) // the app started again
	settle()
	if f.server.Text != "https://crosstalk.example.jp" || f.code.Text != "" || !f.draft.Note.Visible() {
		t.Fatalf("started again: %q %q, note %v", f.server.Text, f.code.Text, f.draft.Note.Visible())
	}
	f.code.SetText("abcd-efgh-jkmn")
	answers <- ConnectOK
	test.Tap(f.connect)
	settle()
	widgets.FlushDrafts()
	if got := store.Saved(firstRunDraftKey); got != "" {
		t.Fatalf("the draft outlived connecting: %q", got)
	}
}

// An address typed without a scheme is completed, shown completed in its
// field, and connected to as shown.
func TestFirstRunCompletesAddress(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	var got string
	f := NewFirstRun("", FirstRunActions{
		Connect: func(_ context.Context, server, _ string) ConnectProblem { got = server; return ConnectUnreachable },
	})
	test.NewTempWindow(t, f.Content()).Resize(fyne.NewSize(700, 700))
	for _, c := range []struct{ typed, want string }{
		{"crosstalk.example.jp", "https://crosstalk.example.jp"},
		{"localhost:8080", "http://localhost:8080"},
	} {
		f.server.SetText(c.typed)
		f.code.SetText("abcd-efgh-jkmn")
		test.Tap(f.connect)
		settle()
		if f.server.Text != c.want || got != c.want {
			t.Errorf("typed %q: the field shows %q, connected to %q; want %q", c.typed, f.server.Text, got, c.want)
		}
	}
}

// An error is shown in the error colour with the error icon; a message
// that is no error is shown plainly.
func TestFirstRunErrorLooksLikeOne(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	answers := make(chan ConnectProblem, 1)
	f := NewFirstRun("https://crosstalk.example.jp", FirstRunActions{
		Connect: func(context.Context, string, string) ConnectProblem { return <-answers },
	})
	test.NewTempWindow(t, f.Content()).Resize(fyne.NewSize(700, 700))
	isError := func() bool {
		return f.message.Label.Importance == widget.DangerImportance && f.failed.Visible() &&
			f.failed.Resource.Name() == theme.NewErrorThemedResource(theme.ErrorIcon()).Name()
	}
	if f.failed.Visible() {
		t.Error("an error icon before anything happened")
	}
	test.Tap(f.connect) // no code
	if !isError() {
		t.Errorf("a missing code: importance %v, icon shown %v", f.message.Label.Importance, f.failed.Visible())
	}
	f.code.SetText("abcd-efgh-jkmn")
	answers <- ConnectBadCode
	test.Tap(f.connect)
	settle()
	if f.message.Text != connectText(ConnectBadCode) || !isError() {
		t.Errorf("a bad code: %q, importance %v, icon shown %v", f.message.Text, f.message.Label.Importance, f.failed.Visible())
	}
	answers <- ConnectOK
	test.Tap(f.connect)
	settle()
	if f.message.Label.Importance == widget.DangerImportance || f.failed.Visible() {
		t.Errorf("connected, yet shown as an error: %q", f.message.Text)
	}
}

// The text size can be chosen on the first screen, and applies at once.
func TestFirstRunTextSize(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	var chosen []cttheme.Size
	f := NewFirstRun("", FirstRunActions{TextSize: cttheme.Large, SetTextSize: func(z cttheme.Size) { chosen = append(chosen, z) }})
	test.NewTempWindow(t, f.Content()).Resize(fyne.NewSize(700, 700))
	if !f.size.Visible() || f.size.Selected != "大きい" || len(f.size.Options) != 3 {
		t.Fatalf("the choice: visible %v, selected %q, options %q", f.size.Visible(), f.size.Selected, f.size.Options)
	}
	f.size.SetSelected("とても大きい")
	f.size.SetSelected("とても大きい")
	if !slices.Equal(chosen, []cttheme.Size{cttheme.ExtraLarge}) {
		t.Errorf("chose とても大きい: SetTextSize called with %v", chosen)
	}
}

// A code that cannot be an invite code is named before it is sent (and
// counted against the person's tries), in Japanese, and the message goes
// as soon as the code is fixed.
func TestFirstRunNamesAMistypedCode(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	tries := 0
	f := NewFirstRun("https://crosstalk.example.jp", FirstRunActions{
		Connect: func(context.Context, string, string) ConnectProblem { tries++; return ConnectUnreachable },
	})
	test.NewTempWindow(t, f.Content()).Resize(fyne.NewSize(700, 700))
	for _, c := range []struct{ typed, want string }{
		{"K7QX-M2PA-WD9", "入力されたのは 11 文字です"},
		{"k7qx-m2pa-wd0o", "使われない文字があります：「0（ゼロ） O（オー）」。招待コードには、数字の 0（ゼロ）と 1（イチ）、英字の O（オー）と I（アイ）はありません。"},
		{"K7QX-M2PA-WD1I", "「1（イチ） I（アイ）」"},
		{"ｋ７ｑｘ－ｍ２ｐａ－ｗｄ９", "入力されたのは 11 文字です"},
	} {
		f.code.SetText(c.typed)
		test.Tap(f.connect)
		settle()
		if !strings.Contains(f.message.Text, c.want) || !f.failed.Visible() {
			t.Errorf("code %q: message %q (error icon %v), want it to say %q", c.typed, f.message.Text, f.failed.Visible(), c.want)
		}
	}
	if tries != 0 {
		t.Fatalf("a mistyped code was sent %d times", tries)
	}
	test.Type(f.code, "R") // now K7QX-M2PA-WD9R, in full-width
	if f.message.Text != "" || f.failed.Visible() {
		t.Fatalf("the fixed code still shows %q", f.message.Text)
	}
	test.Tap(f.connect)
	settle()
	if tries != 1 {
		t.Fatalf("the fixed code was sent %d times, want once", tries)
	}
}
