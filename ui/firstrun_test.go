package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
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
