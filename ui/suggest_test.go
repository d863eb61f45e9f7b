package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/ui/internal/uitest"
)

// The 「おすすめ」 tab (issue 19): the secretariat's introduction at the
// top, then the suggestions with their reasons in words; a tap on
// 「今回は見送る」 asks, then takes the person out for good; the bookmark
// and 「オファーを送る」 work from the card.

// demoIntroduction is the demo's introduction of the demo user, and the
// person they are introduced to.
func demoIntroduction(t *testing.T) (app.Introduction, app.Participant) {
	t.Helper()
	ds := demo.Demo(testNow)
	if len(ds.Introductions) != 1 || ds.Introductions[0].BID != demo.DemoUser {
		t.Fatalf("the demo's introductions: %+v", ds.Introductions)
	}
	in := ds.Introductions[0]
	for _, p := range ds.Participants {
		if p.ID == in.AID {
			return in, p
		}
	}
	t.Fatal("the demo introduces nobody")
	return in, app.Participant{}
}

// cardNames lists the names on the suggestions' cards.
func cardNames(cards []*suggestCard) []string {
	var out []string
	for _, c := range cards {
		out = append(out, c.entry.Name)
	}
	return out
}

func TestSuggestionsTab(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	ctx := context.Background()
	in, introduced := demoIntroduction(t)
	note := in.Note
	d, w := newDirectoryWindow(t, ui, svc)
	d.tabs.SelectIndex(1)
	s := d.suggest
	ui.until(t, "the suggestions", func() bool { return !d.busy() && s.loaded })

	me := svc.me.ParticipantID
	cohort, err := svc.SuggestionCohort(ctx, me, svc.now)
	if err != nil || cohort == "" {
		t.Fatalf("the demo user's programme: %q (%v)", cohort, err)
	}
	want, err := svc.Suggestions(ctx, me, cohort, svc.now, app.DefaultSuggestions)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 5 || len(s.cards) != len(want) {
		t.Fatalf("%d cards, the store suggests %d", len(s.cards), len(want))
	}
	for i, c := range s.cards {
		if c.entry.ID != want[i].ID {
			t.Fatalf("card %d is %s, want %s", i, c.entry.Name, want[i].Name)
		}
		lines := strings.Split(c.reasons.Text, "\n")
		if len(lines) != len(want[i].Reasons) && len(want[i].Reasons) > 0 {
			t.Errorf("%s: reasons %q for %v", c.entry.Name, c.reasons.Text, want[i].Reasons)
		}
		for _, l := range lines {
			if !strings.HasPrefix(l, "・") {
				t.Errorf("%s: reason line %q", c.entry.Name, l)
			}
		}
		if c.entry.ID == introduced.ID {
			t.Errorf("the introduced %s is suggested too", introduced.Name)
		}
	}
	// The first is suggested for the themes in common, first of all.
	if r := want[0].Reasons; len(r) == 0 || r[0].Kind != app.ReasonSharedThemes ||
		!strings.HasPrefix(s.cards[0].reasons.Text, "・共通のテーマ（"+strings.Join(r[0].Themes, "、")+"）") {
		t.Errorf("the first card's reasons: %q", s.cards[0].reasons.Text)
	}
	// The introduction is at the top, with the secretariat's note and
	// the offer to send.
	if len(s.introCards) != 1 || s.introCards[0].entry.ID != introduced.ID || s.introCards[0].send == nil {
		t.Fatalf("introduction cards: %+v", s.introCards)
	}
	uitest.WantTexts(t, "the tab", s.Content(), "事務局からのご紹介", "事務局より："+note, "あなたへのおすすめ")
	w.Canvas().Unfocus()
	test.AssertImageMatches(t, "suggestions.png", w.Canvas().Capture())

	// 「プロフィールを見る」 opens the profile beside.
	first := s.cards[0]
	test.Tap(first.profile)
	ui.until(t, "the profile", func() bool { return d.card != nil && d.card.person.ID == first.entry.ID && !d.busy() })

	// The bookmark.
	bookmarks := func() []string {
		bms, err := svc.SearchDirectory(ctx, app.DirectoryQuery{ViewerID: me, Now: svc.now, BookmarkedOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, b := range bms {
			ids = append(ids, b.ID)
		}
		return ids
	}
	before := bookmarks()
	if slices.Contains(before, first.entry.ID) {
		t.Fatalf("%s is bookmarked already", first.entry.Name)
	}
	listAt := s.box.Position().Y
	test.Tap(first.bookmark)
	ui.until(t, "the bookmark", func() bool { return !d.busy() && s.noticeText.Text == "ブックマークに追加しました。" })
	// Said under the list, which does not move: a second tap lands on the
	// card it aims at.
	if !s.noticeBar.Visible() || s.undo.Visible() || s.status.Visible() || s.box.Position().Y != listAt {
		t.Errorf("the notice: bar shown %v, undo %v, status %v, list at %v (was %v)",
			s.noticeBar.Visible(), s.undo.Visible(), s.status.Visible(), s.box.Position().Y, listAt)
	}
	if after := bookmarks(); len(after) != len(before)+1 || !slices.Contains(after, first.entry.ID) {
		t.Errorf("bookmarks %v, were %v", after, before)
	}
	if s.cards[0].bookmark.Text != "★ ブックマークから外す" {
		t.Errorf("bookmark button %q", s.cards[0].bookmark.Text)
	}

	// 「今回は見送る」 asks first: 「やめる」 keeps them.
	gone := s.cards[1].entry
	test.Tap(s.cards[1].dismiss)
	over := w.Canvas().Overlays().Top()
	if over == nil || !uitest.ShowsText(over, "今回は見送りますか") {
		t.Fatal("no question before dismissing")
	}
	test.Tap(uitest.ShownButton(over, "やめる"))
	ui.settle()
	if !slices.Contains(cardNames(s.cards), gone.Name) || slices.Contains(svc.calls, app.SuggestionDismiss) {
		t.Fatalf("kept after やめる: %v, calls %v", cardNames(s.cards), svc.calls)
	}
	// 見送る takes the card out at once and offers 元に戻す, sending
	// nothing yet; 元に戻す brings the card back.
	test.Tap(s.cards[1].dismiss)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "見送る"))
	ui.settle()
	if slices.Contains(cardNames(s.cards), gone.Name) || s.noticeText.Text != gone.Name+"さんを、このプログラムのおすすめから外しました。" ||
		!s.undo.Visible() || s.box.Position().Y != listAt {
		t.Fatalf("dismissed: cards %v, notice %q, undo %v", cardNames(s.cards), s.noticeText.Text, s.undo.Visible())
	}
	test.Tap(s.undo)
	ui.settle()
	if len(s.cards) < 2 || s.cards[1].entry.ID != gone.ID || slices.Contains(svc.calls, app.SuggestionDismiss) ||
		s.noticeText.Text != gone.Name+"さんを、おすすめに戻しました。" || s.undo.Visible() {
		t.Fatalf("undone: cards %v, calls %v, notice %q", cardNames(s.cards), svc.calls, s.noticeText.Text)
	}
	// Dismissed again, and sent when the time to undo it is over.
	test.Tap(s.cards[1].dismiss)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "見送る"))
	ui.settle()
	if !s.undo.Visible() || slices.Contains(svc.calls, app.SuggestionDismiss) {
		t.Fatalf("dismissed again: undo %v, calls %v", s.undo.Visible(), svc.calls)
	}
	s.flush() // what the timer does
	ui.until(t, "the dismissal", func() bool { return !d.busy() && s.pending == nil && slices.Contains(svc.calls, app.SuggestionDismiss) })
	if slices.Contains(cardNames(s.cards), gone.Name) || s.undo.Visible() {
		t.Errorf("sent: cards %v, undo %v", cardNames(s.cards), s.undo.Visible())
	}
	if again, _ := svc.Suggestions(ctx, me, cohort, svc.now, app.DefaultSuggestions); slices.ContainsFunc(again, func(it app.SuggestionItem) bool { return it.ID == gone.ID }) {
		t.Error("the store still suggests the dismissed person")
	}

	// Dismissed once more, and the app quits within the time to undo it:
	// the dismissal is sent before it does.
	test.Tap(s.cards[1].dismiss)
	test.Tap(uitest.ShownButton(w.Canvas().Overlays().Top(), "見送る"))
	ui.settle()
	quit := false
	s.Flush(func() { quit = true })
	ui.until(t, "the dismissal before quitting", func() bool { return quit })
	if n := countOf(svc.calls, app.SuggestionDismiss); n != 2 || s.pending != nil {
		t.Errorf("quit with %d dismissals sent, pending %v", n, s.pending)
	}
	// With none pending, it quits at once.
	quit = false
	s.Flush(func() { quit = true })
	if !quit {
		t.Error("nothing pending, and the quit waits")
	}

	// 「オファーを送る」 opens the offer dialog to that person.
	to := s.cards[0].entry
	test.Tap(s.cards[0].send)
	ui.until(t, "the offer dialog", func() bool { return !d.busy() && s.dialog != nil })
	if s.dialog.to.ID != to.ID || w.Canvas().Overlays().Top() == nil {
		t.Errorf("the dialog is to %s, want %s", s.dialog.to.Name, to.Name)
	}
	s.dialog.Hide()

	// From the introduction too.
	test.Tap(s.introCards[0].send)
	ui.until(t, "the introduction's offer dialog", func() bool { return !d.busy() && s.dialog != nil && s.dialog.to.ID == introduced.ID })
	s.dialog.Hide()
	ui.settle()
}

// countOf counts v in vs.
func countOf(vs []string, v string) int {
	n := 0
	for _, x := range vs {
		if x == v {
			n++
		}
	}
	return n
}
