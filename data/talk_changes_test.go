package data_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// A change of time is a proposal that the other side accepts or
// declines, and the proposer may withdraw; the talk keeps its time until
// it is accepted. Every step is in the talk's history.
func TestTalkTimeProposals(t *testing.T) {
	oldStart, newStart := fixture.At(3, 14), fixture.At(10, 11)
	later := fixture.Now.Add(time.Hour)
	talk := func(t *testing.T, st *data.Store) ids { return ids{"k": fixture.Accepted(t, st, "a1", "b1")} }
	propose := func(who string, start time.Time, place *string) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.TalkProposeTime, app.ProposeTimeArgs{TalkID: x["k"], Start: start, Place: place}, fixture.Now)
		}
	}
	answer := func(who, mutator string, start time.Time, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, mutator, app.TimeAnswerArgs{TalkID: x["k"], Start: start}, clock)
		}
	}
	// proposed: b1 asks to move a1's and b1's talk to newStart.
	proposed := func(t *testing.T, st *data.Store) ids {
		x := talk(t, st)
		fixture.Must(t, st, "b1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: x["k"], Start: newStart}, fixture.Now)
		return x
	}
	after := func(setup func(*testing.T, *data.Store) ids, who, mutator string, args func(ids) any) func(*testing.T, *data.Store) ids {
		return func(t *testing.T, st *data.Store) ids {
			x := setup(t, st)
			fixture.Must(t, st, who, mutator, args(x), fixture.Now)
			return x
		}
	}
	kinds := func(k app.Talk) []app.TalkEventKind {
		var out []app.TalkEventKind
		for _, e := range k.History {
			out = append(out, e.Kind)
		}
		return out
	}
	expect := func(start time.Time, seq int, proposal bool, history ...app.TalkEventKind) func(*testing.T, *data.Store, ids) {
		return func(t *testing.T, st *data.Store, x ids) {
			t.Helper()
			k := fixture.TalkOf(t, st, x["k"])
			if k.State != app.TalkScheduled || !k.Start.Equal(start) || !k.End.Equal(start.Add(time.Hour)) || k.Sequence != seq || (k.Proposal != nil) != proposal {
				t.Errorf("talk at %s, sequence %d, proposal %+v; want %s, %d, %v", k.Start, k.Sequence, k.Proposal, start, seq, proposal)
			}
			if got := kinds(k); !slices.Equal(got, history) {
				t.Errorf("history %v, want %v", got, history)
			}
		}
	}
	place, otherPlace := "オンライン会議 https://meet.example.jp/x", "オンライン会議 https://meet.example.jp/y"
	answerAt := func(who, mutator string, start time.Time, place *string, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, mutator, app.TimeAnswerArgs{TalkID: x["k"], Start: start, Place: place}, clock)
		}
	}
	// withPlace: b1 asks to move the talk to newStart at a new place.
	withPlace := after(talk, "b1", app.TalkProposeTime, func(x ids) any {
		return app.ProposeTimeArgs{TalkID: x["k"], Start: newStart, Place: &place}
	})
	cancelled := after(proposed, "a1", app.TalkCancel, func(x ids) any { return app.CancelTalkArgs{TalkID: x["k"], Reason: "work"} })
	withdrawn := after(proposed, "b1", app.TalkWithdrawTime, func(x ids) any { return app.TimeAnswerArgs{TalkID: x["k"], Start: newStart} })

	runCases(t, []mcase{
		{name: "an accepted offer's talk starts its history with agreed", setup: talk, act: func(*data.Store, ids) error { return nil },
			check: expect(oldStart, 0, false, app.EventAgreed)},
		{name: "propose: the talk keeps its time", setup: talk, act: propose("b1", newStart, nil),
			check: func(t *testing.T, st *data.Store, x ids) {
				expect(oldStart, 0, true, app.EventAgreed, app.EventTimeProposed)(t, st, x)
				k := fixture.TalkOf(t, st, x["k"])
				p := k.Proposal
				if p.By != fixture.PID("b1") || !p.Start.Equal(newStart) || !p.End.Equal(newStart.Add(time.Hour)) || !p.At.Equal(fixture.Now) || p.Place != nil {
					t.Errorf("proposal %+v", p)
				}
				if e, _ := k.LastEvent(); e.By != fixture.PID("b1") || !e.Start.Equal(newStart) {
					t.Errorf("event %+v", e)
				}
			}},
		{name: "propose by someone not in the talk", setup: talk, act: propose("c1", newStart, nil), code: app.CodeNotFound},
		{name: "propose the current time", setup: talk, act: propose("a1", oldStart, nil), code: app.CodeBadArgs},
		{name: "propose the current time at a new place", setup: talk, act: propose("a1", oldStart, &place),
			check: expect(oldStart, 0, true, app.EventAgreed, app.EventTimeProposed)},
		{name: "propose a time past", setup: talk, act: propose("a1", fixture.At(-1, 11), nil), code: app.CodeSlotInPast},
		{name: "propose a time outside the programme", setup: talk, act: propose("a1", app.Date(2027, 3, 2).Add(11*time.Hour), nil), code: app.CodeSlotOutsideCohort},
		{name: "propose on a cancelled talk", setup: cancelled, act: propose("b1", newStart, nil), code: app.CodeTalkNotScheduled},
		{name: "a new proposal replaces one's own", setup: proposed, act: propose("b1", fixture.At(11, 15), nil),
			check: func(t *testing.T, st *data.Store, x ids) {
				expect(oldStart, 0, true, app.EventAgreed, app.EventTimeProposed, app.EventTimeProposed)(t, st, x)
				if p := fixture.TalkOf(t, st, x["k"]).Proposal; !p.Start.Equal(fixture.At(11, 15)) {
					t.Errorf("proposal %+v", p)
				}
			}},
		{name: "a proposal over the other side's declines theirs", setup: proposed, act: propose("a1", fixture.At(11, 15), nil),
			check: func(t *testing.T, st *data.Store, x ids) {
				expect(oldStart, 0, true, app.EventAgreed, app.EventTimeProposed, app.EventTimeDeclined, app.EventTimeProposed)(t, st, x)
				if p := fixture.TalkOf(t, st, x["k"]).Proposal; p.By != fixture.PID("a1") {
					t.Errorf("proposal %+v", p)
				}
			}},

		{name: "accept: the talk moves in place", setup: proposed, act: answer("a1", app.TalkAcceptTime, newStart, later),
			check: func(t *testing.T, st *data.Store, x ids) {
				expect(newStart, 1, false, app.EventAgreed, app.EventTimeProposed, app.EventTimeAccepted)(t, st, x)
				k := fixture.TalkOf(t, st, x["k"])
				e, _ := k.LastEvent()
				if e.By != fixture.PID("a1") || !e.At.Equal(later) || !e.Start.Equal(newStart) || !e.OldStart.Equal(oldStart) || !k.UpdatedAt.Equal(later) {
					t.Errorf("event %+v, talk updated %s", e, k.UpdatedAt)
				}
			}},
		{name: "accept a new place with the time", setup: withPlace, act: answerAt("a1", app.TalkAcceptTime, newStart, &place, later),
			check: func(t *testing.T, st *data.Store, x ids) {
				if k := fixture.TalkOf(t, st, x["k"]); k.Place != place || !k.Start.Equal(newStart) {
					t.Errorf("talk %+v", k)
				}
			}},
		// An answer names the whole proposal: one made again at the same
		// time with another place is not the one answered.
		{name: "accept a proposal whose place was swapped meanwhile", setup: after(withPlace, "b1", app.TalkProposeTime, func(x ids) any {
			return app.ProposeTimeArgs{TalkID: x["k"], Start: newStart, Place: &otherPlace}
		}), act: answerAt("a1", app.TalkAcceptTime, newStart, &place, later), code: app.CodeNoProposal},
		{name: "accept a new place as if the place stayed", setup: withPlace, act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeNoProposal},
		{name: "accept the same place as if it were new", setup: proposed, act: answerAt("a1", app.TalkAcceptTime, newStart, &place, later), code: app.CodeNoProposal},
		{name: "propose again what one has proposed", setup: proposed, act: propose("b1", newStart, nil), code: app.CodeBadArgs},
		{name: "accept one's own proposal", setup: proposed, act: answer("b1", app.TalkAcceptTime, newStart, later), code: app.CodeNotAllowed},
		{name: "accept by someone not in the talk", setup: proposed, act: answer("c1", app.TalkAcceptTime, newStart, later), code: app.CodeNotFound},
		{name: "accept with no proposal", setup: talk, act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeNoProposal},
		{name: "accept after the other withdrew", setup: withdrawn, act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeNoProposal},
		{name: "accept a time the proposer has since changed", setup: after(proposed, "b1", app.TalkProposeTime, func(x ids) any {
			return app.ProposeTimeArgs{TalkID: x["k"], Start: fixture.At(11, 15)}
		}), act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeNoProposal},
		{name: "accept a second time", setup: after(proposed, "a1", app.TalkAcceptTime, func(x ids) any {
			return app.TimeAnswerArgs{TalkID: x["k"], Start: newStart}
		}), act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeNoProposal},
		{name: "accept after the talk was cancelled", setup: cancelled, act: answer("a1", app.TalkAcceptTime, newStart, later), code: app.CodeTalkNotScheduled},
		{name: "accept once the proposed time has passed", setup: proposed, act: answer("a1", app.TalkAcceptTime, newStart, newStart.Add(time.Minute)), code: app.CodeSlotInPast},

		{name: "decline: the talk stays", setup: proposed, act: answer("a1", app.TalkDeclineTime, newStart, later),
			check: expect(oldStart, 0, false, app.EventAgreed, app.EventTimeProposed, app.EventTimeDeclined)},
		{name: "decline one's own proposal", setup: proposed, act: answer("b1", app.TalkDeclineTime, newStart, later), code: app.CodeNotAllowed},
		{name: "decline with no proposal", setup: talk, act: answer("a1", app.TalkDeclineTime, newStart, later), code: app.CodeNoProposal},
		{name: "decline by someone not in the talk", setup: proposed, act: answer("c1", app.TalkDeclineTime, newStart, later), code: app.CodeNotFound},

		{name: "withdraw: the talk stays", setup: proposed, act: answer("b1", app.TalkWithdrawTime, newStart, later),
			check: expect(oldStart, 0, false, app.EventAgreed, app.EventTimeProposed, app.EventProposalWithdrawn)},
		{name: "withdraw the other side's proposal", setup: proposed, act: answer("a1", app.TalkWithdrawTime, newStart, later), code: app.CodeNotAllowed},
		{name: "withdraw twice", setup: withdrawn, act: answer("b1", app.TalkWithdrawTime, newStart, later), code: app.CodeNoProposal},

		{name: "cancel clears a proposal", setup: proposed, act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: x["k"], Reason: "health"}, later)
		}, check: func(t *testing.T, st *data.Store, x ids) {
			k := fixture.TalkOf(t, st, x["k"])
			if k.State != app.TalkCancelled || k.Proposal != nil || k.Sequence != 1 {
				t.Errorf("talk %+v", k)
			}
		}},
		{name: "held clears a proposal", setup: proposed, act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.TalkMarkHeld, app.TalkArgs{TalkID: x["k"]}, oldStart.Add(time.Minute))
		}, check: func(t *testing.T, st *data.Store, x ids) {
			k := fixture.TalkOf(t, st, x["k"])
			if e, _ := k.LastEvent(); k.State != app.TalkHeld || k.Proposal != nil || e.Kind != app.EventHeld {
				t.Errorf("talk %+v", k)
			}
		}},
	})
}

// Two accepts of one proposal racing (two devices of the same person):
// the first commit wins, the other is refused, and the talk moved once.
func TestTalkTimeAcceptsRace(t *testing.T) {
	st := open(t, fixture.Dataset())
	id := fixture.Accepted(t, st, "a1", "b1")
	newStart := fixture.At(10, 11)
	fixture.Must(t, st, "b1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: id, Start: newStart}, fixture.Now)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fixture.Run(st, "a1", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: id, Start: newStart}, fixture.Now)
		}()
	}
	wg.Wait()
	codes := []string{fixture.CodeOf(errs[0]), fixture.CodeOf(errs[1])}
	if !(codes[0] == "" && codes[1] == string(app.CodeNoProposal) || codes[1] == "" && codes[0] == string(app.CodeNoProposal)) {
		t.Fatalf("results %v (%v)", codes, errs)
	}
	if k := fixture.TalkOf(t, st, id); k.Sequence != 1 || !k.Start.Equal(newStart) || len(k.History) != 3 {
		t.Errorf("talk %+v", k)
	}
}

// A talk's history keeps at most app.MaxTalkHistory events, and always
// the first: how the talk was agreed.
func TestTalkHistoryIsBounded(t *testing.T) {
	st := open(t, fixture.Dataset())
	id := fixture.Accepted(t, st, "a1", "b1")
	for i := range app.MaxTalkHistory + 5 {
		fixture.Must(t, st, "b1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: id, Start: fixture.At(10, 9+i%8)}, fixture.Now)
	}
	k := fixture.TalkOf(t, st, id)
	if len(k.History) != app.MaxTalkHistory || k.History[0].Kind != app.EventAgreed || k.History[len(k.History)-1].Kind != app.EventTimeProposed {
		t.Errorf("%d events, first %+v", len(k.History), k.History[0])
	}
}
