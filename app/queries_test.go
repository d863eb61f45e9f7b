package app

import (
	"fmt"
	"testing"
	"time"
)

// Box puts every offer in one list, over every state, direction, turn,
// deadline and state of its talk: pending ones by whose turn it is until
// the deadline, accepted ones by their talk, the rest finished.
func TestInboxItemBox(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, Tokyo)
	me, other := "me", "other"
	slot := Slot{Start: now.Add(48 * time.Hour), End: now.Add(49 * time.Hour)}
	past := Slot{Start: now.Add(-3 * time.Hour), End: now.Add(-2 * time.Hour)}
	talk := func(s Slot, state TalkState) *Talk { return &Talk{Start: s.Start, End: s.End, State: state} }
	talks := map[string]*Talk{
		"none": nil, "ahead": talk(slot, TalkScheduled), "on now": talk(Slot{now.Add(-time.Minute), now.Add(time.Hour)}, TalkScheduled),
		"ended": talk(past, TalkScheduled), "held": talk(past, TalkHeld), "no show": talk(past, TalkNoShow),
		"cancelled": talk(slot, TalkCancelled),
	}
	n := 0
	for _, state := range []OfferState{OfferPending, OfferAccepted, OfferDeclined, OfferWithdrawn, OfferExpired} {
		for _, from := range []string{me, other} {
			for _, turn := range []string{me, other} {
				for _, late := range []bool{false, true} {
					for tname, k := range talks {
						for _, chosen := range []Slot{slot, past} {
							it := InboxItem{Offer: Offer{State: state, FromID: from, ToID: map[string]string{me: other, other: me}[from],
								Turn: turn, Slots: []Slot{chosen}, ExpiresAt: now.Add(time.Hour)}, Talk: k}
							if late {
								it.ExpiresAt = now
							}
							if state == OfferAccepted {
								it.ChosenStart = &chosen.Start
							}
							var want Box
							switch {
							case state == OfferPending && late:
								want = BoxFinished
							case state == OfferPending && turn == me:
								want = BoxNeedsMyAnswer
							case state == OfferPending:
								want = BoxTheirAnswer
							case state == OfferAccepted && (tname == "ahead" || tname == "on now"):
								want = BoxScheduled
							case state == OfferAccepted && tname == "none" && chosen == slot:
								want = BoxScheduled // the talk is not here yet
							default:
								want = BoxFinished
							}
							name := fmt.Sprintf("%s from %s, %s's turn, late %v, talk %s, chosen %v", state, from, turn, late, tname, chosen.Start == slot.Start)
							if got := it.Box(me, now); got != want {
								t.Errorf("%s: box %d, want %d", name, got, want)
							}
							n++
						}
					}
				}
			}
		}
	}
	if n != 5*2*2*2*7*2 {
		t.Fatalf("%d cases", n)
	}
}
