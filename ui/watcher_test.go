package ui

import (
	"testing"
	"time"

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

// The watcher tells of each change the other person made to a talk once,
// as it arrives, and not of those there at the first snapshot or already
// seen.
func TestWatcherTellsOfTalkChanges(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 11, 25, 10, m, 0, 0, app.Tokyo) }
	change := func(id string, kind app.TalkEventKind, m int, unseen bool) app.TalkChange {
		return app.TalkChange{TalkItem: app.TalkItem{Talk: app.Talk{ID: id}, OtherName: "相手"},
			Event: app.TalkEvent{Kind: kind, At: at(m), By: "other"}, Unseen: unseen}
	}
	w := newWatcher("me")
	for i, step := range []struct {
		s    snapshot
		want int
	}{
		{snapshot{changes: []app.TalkChange{change("a", app.EventTimeProposed, 1, true)}}, 0}, // the first only sets what is seen
		{snapshot{changes: []app.TalkChange{change("a", app.EventTimeProposed, 1, true)}}, 0},
		{snapshot{changes: []app.TalkChange{change("a", app.EventTimeProposed, 1, true), change("b", app.EventCancelled, 2, true)}}, 1},
		{snapshot{}, 0}, // seen meanwhile, or the replica emptied
		{snapshot{changes: []app.TalkChange{change("a", app.EventTimeProposed, 1, true)}}, 0},
		{snapshot{changes: []app.TalkChange{change("a", app.EventTimeProposed, 3, true)}}, 1},  // a new proposal
		{snapshot{changes: []app.TalkChange{change("c", app.EventTimeDeclined, 4, false)}}, 0}, // seen on this device before it arrived here
	} {
		got := w.news(step.s)
		if len(got) != step.want {
			t.Errorf("step %d: %d notifications, want %d", i, len(got), step.want)
		}
		for _, n := range got {
			if n.Title == "" || n.Content == "" {
				t.Errorf("step %d: notification %+v", i, n)
			}
		}
	}
}
