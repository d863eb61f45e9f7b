package ui

import (
	"testing"

	"crosstalk/app"
)

// TestWatcherForgetsNothing: the watcher tells of an offer waiting for my
// answer once per round, and of an answer to my offer once, even when a
// snapshot in between comes from a replica the sync has just emptied (a
// reset, or a cohort left) and the same offers then come back.
func TestWatcherForgetsNothing(t *testing.T) {
	item := func(id string, rounds int, state app.OfferState) app.InboxItem {
		return app.InboxItem{Offer: app.Offer{ID: id, Rounds: rounds, State: state}, OtherName: "相手 " + id, OtherCompany: "会社"}
	}
	w := newWatcher("me")
	for i, step := range []struct {
		s    snapshot
		want int
	}{
		{snapshot{waiting: []app.InboxItem{item("a", 1, app.OfferPending)}, sent: []app.InboxItem{item("c", 1, app.OfferPending)}}, 0}, // the first only sets what is seen
		{snapshot{}, 0}, // the replica emptied
		{snapshot{waiting: []app.InboxItem{item("a", 1, app.OfferPending)}, sent: []app.InboxItem{item("c", 1, app.OfferPending)}}, 0}, // and filled again
		{snapshot{waiting: []app.InboxItem{item("a", 1, app.OfferPending), item("b", 1, app.OfferPending)}}, 1},                        // b is new
		{snapshot{}, 0},
		{snapshot{waiting: []app.InboxItem{item("a", 3, app.OfferPending)}}, 1},                                                         // a counter-proposal back to me
		{snapshot{sent: []app.InboxItem{item("c", 2, app.OfferAccepted)}}, 1},                                                           // c was answered while the replica was empty
		{snapshot{waiting: []app.InboxItem{item("a", 3, app.OfferPending)}, sent: []app.InboxItem{item("c", 2, app.OfferAccepted)}}, 0}, // nothing new
	} {
		if got := w.news(step.s); len(got) != step.want {
			t.Errorf("step %d: %d notifications, want %d", i, len(got), step.want)
		}
	}
}
