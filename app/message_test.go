package app

import (
	"testing"
	"time"
)

// ThreadOpen, which the thread's screen asks before it offers to write:
// open while the offer waits and has not expired, and on its talk unless
// cancelled, until ThreadOpenAfterTalk after the talk ended; closed once
// the offer ended without a talk.
func TestThreadOpen(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, Tokyo)
	c := Cohort{ID: "c", State: CohortOpen, StartsOn: Date(2026, 11, 1), EndsOn: Date(2027, 2, 28)}
	pending := Offer{ID: "o", State: OfferPending, ExpiresAt: now.Add(time.Hour)}
	accepted := Offer{ID: "o", State: OfferAccepted, TalkID: "k"}
	ended := now.Add(-time.Hour) // the talk's end
	talk := func(s TalkState) *Talk {
		return &Talk{ID: "k", OfferID: "o", State: s, Start: ended.Add(-time.Hour), End: ended}
	}
	closedCohort := c
	closedCohort.State = CohortClosed
	for _, tc := range []struct {
		name string
		o    Offer
		k    *Talk
		c    Cohort
		at   time.Time
		open bool
	}{
		{"pending", pending, nil, c, now, true},
		{"pending, at its expiry", pending, nil, c, now.Add(time.Hour), false},
		{"pending in a closed cohort", pending, nil, closedCohort, now, false},
		{"scheduled talk", accepted, talk(TalkScheduled), c, now, true},
		{"held talk", accepted, talk(TalkHeld), c, now, true},
		{"talk not held", accepted, talk(TalkNoShow), c, now, true},
		{"cancelled talk", accepted, talk(TalkCancelled), c, now, false},
		{"held talk, just before its thread closes", accepted, talk(TalkHeld), c, ended.Add(ThreadOpenAfterTalk - time.Millisecond), true},
		{"held talk, when its thread closes", accepted, talk(TalkHeld), c, ended.Add(ThreadOpenAfterTalk), false},
		{"talk never marked, long after", accepted, talk(TalkScheduled), c, ended.Add(ThreadOpenAfterTalk), false},
		{"accepted, no talk known", accepted, nil, c, now, false},
		{"declined", Offer{ID: "o", State: OfferDeclined}, nil, c, now, false},
		{"withdrawn", Offer{ID: "o", State: OfferWithdrawn}, nil, c, now, false},
		{"expired", Offer{ID: "o", State: OfferExpired}, nil, c, now, false},
	} {
		err := ThreadOpen(tc.o, tc.k, tc.c, tc.at)
		if tc.open && err != nil || !tc.open && CodeOf(err) != CodeThreadClosed {
			t.Errorf("%s: %v, want open %v", tc.name, err, tc.open)
		}
	}
}
