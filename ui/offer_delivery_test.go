package ui

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

// A card of the inbox says whether the server has the user's last change
// of the offer: 送信待ち while it waits in the outbox (an accept made
// offline, here), 送信済み for an offer the user sent that the server
// has; an offer waiting for the user's answer says neither.
func TestInboxCardSaysQueuedOrSent(t *testing.T) {
	f := newInboxFixture(t, testNow)
	me := f.svc.me.ParticipantID
	var sent app.InboxItem
	for _, it := range f.items(t, app.BoxSent) {
		if it.State == app.OfferPending && it.Turn != me {
			sent = it
		}
	}
	waiting := f.items(t, app.BoxNeedsMyAnswer)
	if sent.ID == "" || len(waiting) < 2 {
		t.Fatalf("the demo has no sent offer waiting for an answer, or %d offers to answer", len(waiting))
	}
	accepted := f.received(t)
	// The offline device's queue, as the sync client fills it.
	if _, err := f.svc.Store.Enqueue(context.Background(), app.OfferAccept, f.svc.me,
		app.Args(app.AcceptOfferArgs{OfferID: accepted.ID, Start: accepted.Slots[0].Start}), f.svc.now); err != nil {
		t.Fatal(err)
	}
	f.in.Refresh()
	f.waitLoaded(t)

	q := f.card(2, accepted.ID) // accepted on this device: finished
	if q == nil {
		t.Fatal("the accepted offer is not shown")
	}
	uitest.WantTexts(t, "the offer whose accept waits", q.content, "送信待ちです。オンラインになると送信されます。")
	s := f.card(1, sent.ID)
	if s == nil {
		t.Fatal("the sent offer is not shown")
	}
	uitest.WantTexts(t, "the sent offer", s.content, "送信済みです。")
	if uitest.ShowsText(s.content, "送信待ちです。オンラインになると送信されます。") {
		t.Error("the offer the server has is said to wait")
	}
	for _, it := range waiting {
		if it.ID == accepted.ID {
			continue
		}
		w := f.card(0, it.ID)
		if uitest.ShowsText(w.content, "送信済みです。") || uitest.ShowsText(w.content, "送信待ちです。オンラインになると送信されます。") {
			t.Error("an offer waiting for my answer says how it was sent")
		}
	}
}
