package data_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// ids carries what a case's setup made to its action and its check.
type ids map[string]string

// mcase is one row of a mutator table: setup brings the file into a state
// (every step must succeed), act runs the mutation under test, code is
// the rejection it must give ("" for success), check looks at the result
// of a success. A rejection must leave every row as it was.
type mcase struct {
	name  string
	setup func(t *testing.T, st *data.Store) ids
	act   func(st *data.Store, x ids) error
	code  app.Code
	check func(t *testing.T, st *data.Store, x ids)
}

func runCases(t *testing.T, cases []mcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := open(t, fixture.Dataset())
			x := ids{}
			if c.setup != nil {
				x = c.setup(t, st)
			}
			before := fixture.Snapshot(t, st)
			err := c.act(st, x)
			if got := fixture.CodeOf(err); got != string(c.code) {
				t.Fatalf("got %q (%v), want %q", got, err, c.code)
			}
			if c.code != "" {
				if after := fixture.Snapshot(t, st); after != before {
					t.Fatalf("a rejected mutation changed the file:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				return
			}
			if c.check != nil {
				c.check(t, st, x)
			}
		})
	}
}

func sendAs(who string, edit func(*app.SendOfferArgs)) func(*data.Store, ids) error {
	return func(st *data.Store, _ ids) error {
		a := fixture.SendArgs("b1")
		edit(&a)
		return fixture.Run(st, who, app.OfferSend, a, fixture.Now)
	}
}

func TestOfferSend(t *testing.T) {
	var fixed = fixture.SendArgs("b1")
	runCases(t, []mcase{
		{name: "pending, recipient's turn, expiry from the cohort rules",
			act: func(st *data.Store, _ ids) error { return fixture.Run(st, "a1", app.OfferSend, fixed, fixture.Now) },
			check: func(t *testing.T, st *data.Store, _ ids) {
				o := fixture.OfferOf(t, st, fixed.ID)
				if o.State != app.OfferPending || o.Turn != fixture.PID("b1") || o.FromID != fixture.PID("a1") || o.Rounds != 0 {
					t.Errorf("offer %+v", o)
				}
				if want := fixture.Now.AddDate(0, 0, 7); !o.ExpiresAt.Equal(want) {
					t.Errorf("expires %s, want %s", o.ExpiresAt, want)
				}
				if len(o.Slots) != 3 || !o.Slots[0].End.Equal(fixture.At(3, 15)) {
					t.Errorf("slots %+v", o.Slots)
				}
			}},
		{name: "to oneself", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID = fixture.PID("a1") }), code: app.CodeSelf},
		{name: "to a colleague", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID = fixture.PID("a2") }), code: app.CodeSameCompany},
		{name: "to nobody", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID = fixture.NewID() }), code: app.CodeNotFound},
		{name: "to an invisible profile", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID = fixture.PID("b3") }), code: app.CodeRecipientInvisible},
		{name: "to someone outside the cohort", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID = fixture.PID("x1") }), code: app.CodeNotInCohort},
		{name: "from someone outside the cohort", act: sendAs("x1", func(a *app.SendOfferArgs) {}), code: app.CodeNotInCohort},
		{name: "with someone not in that cohort", act: sendAs("d1", func(a *app.SendOfferArgs) { a.CohortID = fixture.CoDraft }), code: app.CodeNotInCohort},
		{name: "in a draft cohort", act: sendAs("d1", func(a *app.SendOfferArgs) { a.CohortID, a.ToID = fixture.CoDraft, fixture.PID("c2") }), code: app.CodeCohortNotOpen},
		{name: "in a closed cohort", act: sendAs("d1", func(a *app.SendOfferArgs) { a.CohortID, a.ToID = fixture.CoClosed, fixture.PID("c2") }), code: app.CodeCohortNotOpen},
		{name: "in an open cohort after its last day",
			act: func(st *data.Store, _ ids) error {
				a := fixture.SendArgs("b1")
				a.Slots = []time.Time{app.Date(2027, 3, 2).Add(10 * time.Hour)}
				return fixture.Run(st, "a1", app.OfferSend, a, app.Date(2027, 3, 1))
			}, code: app.CodeCohortNotOpen},
		{name: "in an unknown cohort", act: sendAs("a1", func(a *app.SendOfferArgs) { a.CohortID = fixture.NewID() }), code: app.CodeNotFound},
		{name: "by an unknown actor", act: sendAs("zz", func(a *app.SendOfferArgs) {}), code: app.CodeUnknownActor},
		{name: "by HR", act: sendAs("e1", func(a *app.SendOfferArgs) {}), code: app.CodeNotAllowed},
		{name: "in a mode the recipient does not take",
			act: sendAs("a1", func(a *app.SendOfferArgs) { a.ToID, a.Mode = fixture.PID("b2"), app.ModeOnline }), code: app.CodeModeNotAccepted},
		{name: "a slot in the past", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[1] = fixture.At(-1, 14) }), code: app.CodeSlotInPast},
		{name: "a slot starting now", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[1] = fixture.Now }), code: app.CodeSlotInPast},
		{name: "a slot after the cohort", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[2] = app.Date(2027, 3, 1).Add(10 * time.Hour) }), code: app.CodeSlotOutsideCohort},
		{name: "a slot running past the cohort's last day",
			act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[2] = app.Date(2027, 2, 28).Add(23*time.Hour + 30*time.Minute) }), code: app.CodeSlotOutsideCohort},
		{name: "no slot", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots = nil }), code: app.CodeBadArgs},
		{name: "four slots", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots = append(a.Slots, fixture.At(7, 10)) }), code: app.CodeBadArgs},
		{name: "the same slot twice", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[1] = a.Slots[0] }), code: app.CodeSlotRepeated},
		{name: "the same slot twice in another time zone",
			act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[2] = a.Slots[0].UTC() }), code: app.CodeSlotRepeated},
		{name: "two slots that overlap",
			act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[1] = a.Slots[0].Add(30 * time.Minute) }), code: app.CodeSlotsOverlap},
		{name: "a slot that starts inside an earlier one",
			act: sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[2] = a.Slots[1].Add(-59 * time.Minute) }), code: app.CodeSlotsOverlap},
		{name: "two slots that only touch",
			act:   sendAs("a1", func(a *app.SendOfferArgs) { a.Slots[1] = a.Slots[0].Add(time.Hour) }),
			check: func(t *testing.T, st *data.Store, _ ids) {}},
		{name: "an empty message", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Message = "  　" }), code: app.CodeBadArgs},
		{name: "a message too long", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Message = strings.Repeat("あ", 1001) }), code: app.CodeTooLong},
		{name: "a message at the limit", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Message = strings.Repeat("あ", 1000) })},
		{name: "an unknown mode", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Mode = "video" }), code: app.CodeBadArgs},
		{name: "an id that is no UUID", act: sendAs("a1", func(a *app.SendOfferArgs) { a.ID = "offer-1" }), code: app.CodeBadArgs},
		{name: "an id already used",
			setup: func(t *testing.T, st *data.Store) ids { return ids{"o": fixture.Send(t, st, "c1", "d1")} },
			act: func(st *data.Store, x ids) error {
				a := fixture.SendArgs("b1")
				a.ID = x["o"]
				return fixture.Run(st, "a1", app.OfferSend, a, fixture.Now)
			}, code: app.CodeDuplicateID},
		{name: "a second pending offer to the same person",
			setup: func(t *testing.T, st *data.Store) ids { fixture.Send(t, st, "a1", "b1"); return nil },
			act:   sendAs("a1", func(a *app.SendOfferArgs) {}), code: app.CodeAlreadyPending},
		{name: "a pending offer the other way round",
			setup: func(t *testing.T, st *data.Store) ids { fixture.Send(t, st, "b1", "a1"); return nil },
			act:   sendAs("a1", func(a *app.SendOfferArgs) {}), code: app.CodeAlreadyPending},
		{name: "again after the first one was declined",
			setup: func(t *testing.T, st *data.Store) ids {
				id := fixture.Send(t, st, "a1", "b1")
				fixture.Must(t, st, "b1", app.OfferDecline, app.DeclineOfferArgs{OfferID: id, Reason: "schedule"}, fixture.Now)
				return nil
			},
			act: sendAs("a1", func(a *app.SendOfferArgs) {})},
		{name: "again after the first one expired, before any sweep",
			setup: func(t *testing.T, st *data.Store) ids { fixture.Send(t, st, "a1", "b1"); return nil },
			act: func(st *data.Store, _ ids) error {
				a := fixture.SendArgs("b1")
				a.Slots = []time.Time{fixture.At(10, 14)}
				return fixture.Run(st, "a1", app.OfferSend, a, fixture.Now.AddDate(0, 0, 8))
			}},
		{name: "beyond the sender's cap of pending offers",
			setup: func(t *testing.T, st *data.Store) ids {
				fixture.Send(t, st, "a1", "c1")
				fixture.Send(t, st, "a1", "c2")
				fixture.Send(t, st, "a1", "d1")
				return nil
			},
			act: sendAs("a1", func(a *app.SendOfferArgs) {}), code: app.CodeSenderBusy},
		{name: "beyond the recipient's cap of pending offers",
			setup: func(t *testing.T, st *data.Store) ids {
				fixture.Send(t, st, "c1", "b1")
				fixture.Send(t, st, "d1", "b1")
				return nil
			},
			act: sendAs("a1", func(a *app.SendOfferArgs) {}), code: app.CodeRecipientBusy},
		{name: "the cap frees when an offer is answered",
			setup: func(t *testing.T, st *data.Store) ids {
				fixture.Send(t, st, "c1", "b1")
				id := fixture.Send(t, st, "d1", "b1")
				fixture.Must(t, st, "d1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: id}, fixture.Now)
				return nil
			},
			act: sendAs("a1", func(a *app.SendOfferArgs) {})},
	})
}

func TestOfferAnswers(t *testing.T) {
	sent := func(t *testing.T, st *data.Store) ids { return ids{"o": fixture.Send(t, st, "a1", "b1")} }
	accept := func(who string, start time.Time, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.OfferAccept, app.AcceptOfferArgs{OfferID: x["o"], Start: start, Place: "Zoom"}, clock)
		}
	}
	counter := func(who string, slots ...time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.OfferCounter, app.CounterOfferArgs{OfferID: x["o"], Slots: slots, Message: "こちらの日程はいかがでしょうか。"}, fixture.Now)
		}
	}
	decline := func(who, reason string) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.OfferDecline, app.DeclineOfferArgs{OfferID: x["o"], Reason: reason, Note: "また機会があれば"}, fixture.Now)
		}
	}
	withdraw := func(who string) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: x["o"]}, fixture.Now)
		}
	}
	countered := func(t *testing.T, st *data.Store) ids {
		x := sent(t, st)
		fixture.Must(t, st, "b1", app.OfferCounter, app.CounterOfferArgs{OfferID: x["o"], Slots: []time.Time{fixture.At(8, 10)}}, fixture.Now)
		return x
	}
	answered := func(mutator string, who string, args func(id string) any) func(*testing.T, *data.Store) ids {
		return func(t *testing.T, st *data.Store) ids {
			x := sent(t, st)
			fixture.Must(t, st, who, mutator, args(x["o"]), fixture.Now)
			return x
		}
	}
	acceptedSetup := answered(app.OfferAccept, "b1", func(id string) any { return app.AcceptOfferArgs{OfferID: id, Start: fixture.At(3, 14)} })
	withdrawnSetup := answered(app.OfferWithdraw, "a1", func(id string) any { return app.WithdrawOfferArgs{OfferID: id} })
	declinedSetup := answered(app.OfferDecline, "b1", func(id string) any { return app.DeclineOfferArgs{OfferID: id, Reason: "workload"} })

	runCases(t, []mcase{
		// accept
		{name: "accept: the talk is made in the same transaction", setup: sent, act: accept("b1", fixture.At(3, 14), fixture.Now),
			check: func(t *testing.T, st *data.Store, x ids) {
				o := fixture.OfferOf(t, st, x["o"])
				if o.State != app.OfferAccepted || o.Turn != "" || o.ChosenStart == nil || !o.ChosenStart.Equal(fixture.At(3, 14)) || o.AnsweredAt == nil {
					t.Errorf("offer %+v", o)
				}
				k := fixture.TalkOf(t, st, app.TalkIDFor(x["o"]))
				if k.State != app.TalkScheduled || k.AID != fixture.PID("a1") || k.BID != fixture.PID("b1") || !k.Start.Equal(fixture.At(3, 14)) ||
					!k.End.Equal(fixture.At(3, 15)) || k.Mode != app.ModePhone || k.Place != "Zoom" || k.OfferID != x["o"] {
					t.Errorf("talk %+v", k)
				}
			}},
		{name: "accept by the sender", setup: sent, act: accept("a1", fixture.At(3, 14), fixture.Now), code: app.CodeNotYourTurn},
		{name: "accept by a third person", setup: sent, act: accept("c1", fixture.At(3, 14), fixture.Now), code: app.CodeNotFound},
		{name: "accept a time not proposed", setup: sent, act: accept("b1", fixture.At(3, 15), fixture.Now), code: app.CodeSlotNotOffered},
		{name: "accept a time that has passed", setup: sent, act: accept("b1", fixture.At(3, 14), fixture.At(3, 14).Add(time.Minute)), code: app.CodeSlotInPast},
		{name: "accept after expiry", setup: sent, act: accept("b1", fixture.At(10, 14), fixture.Now.AddDate(0, 0, 7)), code: app.CodeOfferExpired},
		{name: "accept twice", setup: acceptedSetup, act: accept("b1", fixture.At(3, 14), fixture.Now), code: app.CodeOfferNotPending},
		{name: "accept a withdrawn offer", setup: withdrawnSetup, act: accept("b1", fixture.At(3, 14), fixture.Now), code: app.CodeOfferNotPending},
		{name: "accept an unknown offer", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: fixture.NewID(), Start: fixture.At(3, 14)}, fixture.Now)
		}, code: app.CodeNotFound},
		{name: "accept after the recipient left the cohort",
			setup: func(t *testing.T, st *data.Store) ids {
				x := sent(t, st)
				fixture.Leave(t, st, "b1")
				return x
			}, act: accept("b1", fixture.At(3, 14), fixture.Now), code: app.CodeNotInCohort},
		{name: "accept a counter-proposal", setup: countered, act: accept("a1", fixture.At(8, 10), fixture.Now),
			check: func(t *testing.T, st *data.Store, x ids) {
				if k := fixture.TalkOf(t, st, app.TalkIDFor(x["o"])); !k.Start.Equal(fixture.At(8, 10)) {
					t.Errorf("talk starts %s", k.Start)
				}
			}},
		{name: "accept an old time after a counter-proposal", setup: countered, act: accept("a1", fixture.At(3, 14), fixture.Now), code: app.CodeSlotNotOffered},
		{name: "accept your own counter-proposal", setup: countered, act: accept("b1", fixture.At(8, 10), fixture.Now), code: app.CodeNotYourTurn},

		// counter
		{name: "counter: the turn passes and expiry restarts", setup: sent, act: counter("b1", fixture.At(8, 10), fixture.At(9, 10)),
			check: func(t *testing.T, st *data.Store, x ids) {
				o := fixture.OfferOf(t, st, x["o"])
				if o.State != app.OfferPending || o.Turn != fixture.PID("a1") || o.Rounds != 1 || len(o.Slots) != 2 ||
					!o.Slots[0].Start.Equal(fixture.At(8, 10)) || o.Message != "こちらの日程はいかがでしょうか。" {
					t.Errorf("offer %+v", o)
				}
			}},
		{name: "counter out of turn", setup: sent, act: counter("a1", fixture.At(8, 10)), code: app.CodeNotYourTurn},
		{name: "counter with no time", setup: sent, act: counter("b1"), code: app.CodeBadArgs},
		{name: "counter with a past time", setup: sent, act: counter("b1", fixture.At(-2, 10)), code: app.CodeSlotInPast},
		{name: "counter with a time the offer proposes", setup: sent, act: counter("b1", fixture.At(8, 10), fixture.At(4, 10)), code: app.CodeSlotAlreadyOffered},
		{name: "counter with the time of the counter-proposal answered", setup: countered, act: counter("a1", fixture.At(8, 10)), code: app.CodeSlotAlreadyOffered},
		{name: "counter with a time next to a proposed one", setup: sent, act: counter("b1", fixture.At(4, 11)),
			check: func(t *testing.T, st *data.Store, x ids) {
				if o := fixture.OfferOf(t, st, x["o"]); len(o.Slots) != 1 || !o.Slots[0].Start.Equal(fixture.At(4, 11)) {
					t.Errorf("slots %+v", o.Slots)
				}
			}},
		{name: "counter with times that overlap", setup: sent, act: counter("b1", fixture.At(8, 10), fixture.At(8, 10).Add(45*time.Minute)), code: app.CodeSlotsOverlap},
		{name: "counter with the same time twice", setup: sent, act: counter("b1", fixture.At(8, 10), fixture.At(8, 10)), code: app.CodeSlotRepeated},
		{name: "counter outside the cohort", setup: sent, act: counter("b1", app.Date(2027, 4, 1).Add(10*time.Hour)), code: app.CodeSlotOutsideCohort},
		{name: "counter a declined offer", setup: declinedSetup, act: counter("b1", fixture.At(8, 10)), code: app.CodeOfferNotPending},
		{name: "counter beyond the rounds allowed",
			setup: func(t *testing.T, st *data.Store) ids {
				x := sent(t, st)
				for i, who := range []string{"b1", "a1", "b1"} {
					fixture.Must(t, st, who, app.OfferCounter, app.CounterOfferArgs{OfferID: x["o"], Slots: []time.Time{fixture.At(8+i, 10)}}, fixture.Now)
				}
				return x
			}, act: counter("a1", fixture.At(20, 10)), code: app.CodeTooManyRounds},

		// decline
		{name: "decline with a reason and a note", setup: sent, act: decline("b1", "theme"),
			check: func(t *testing.T, st *data.Store, x ids) {
				o := fixture.OfferOf(t, st, x["o"])
				if o.State != app.OfferDeclined || o.Reason != "theme" || o.Note != "また機会があれば" || o.Turn != "" {
					t.Errorf("offer %+v", o)
				}
			}},
		{name: "decline with an unknown reason", setup: sent, act: decline("b1", "rude"), code: app.CodeBadArgs},
		{name: "decline your own offer", setup: sent, act: decline("a1", "schedule"), code: app.CodeNotAllowed},
		{name: "decline a withdrawn offer", setup: withdrawnSetup, act: decline("b1", "schedule"), code: app.CodeOfferNotPending},
		{name: "decline a counter-proposal you received", setup: countered, act: decline("b1", "schedule")},
		{name: "decline an expired offer", setup: sent,
			act: func(st *data.Store, x ids) error {
				return fixture.Run(st, "b1", app.OfferDecline, app.DeclineOfferArgs{OfferID: x["o"], Reason: "schedule"}, fixture.Now.AddDate(0, 0, 8))
			}, code: app.CodeOfferExpired},

		// withdraw
		{name: "withdraw", setup: sent, act: withdraw("a1"),
			check: func(t *testing.T, st *data.Store, x ids) {
				if o := fixture.OfferOf(t, st, x["o"]); o.State != app.OfferWithdrawn || o.Turn != "" {
					t.Errorf("offer %+v", o)
				}
			}},
		{name: "withdraw by the recipient", setup: sent, act: withdraw("b1"), code: app.CodeNotAllowed},
		{name: "withdraw an accepted offer", setup: acceptedSetup, act: withdraw("a1"), code: app.CodeOfferNotPending},
		{name: "withdraw while the other side has the turn after a counter", setup: countered, act: withdraw("a1")},
	})
}

func TestTalks(t *testing.T) {
	talk := func(t *testing.T, st *data.Store) ids { return ids{"k": fixture.Accepted(t, st, "a1", "b1")} }
	talkRun := func(who, mutator string, args func(x ids) any, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error { return fixture.Run(st, who, mutator, args(x), clock) }
	}
	cancel := func(who, reason string) func(*data.Store, ids) error {
		return talkRun(who, app.TalkCancel, func(x ids) any { return app.CancelTalkArgs{TalkID: x["k"], Reason: reason} }, fixture.Now)
	}
	newTalk := fixture.NewID()
	reschedule := func(who string, start time.Time, newID string) func(*data.Store, ids) error {
		return talkRun(who, app.TalkReschedule, func(x ids) any {
			return app.RescheduleTalkArgs{TalkID: x["k"], NewTalkID: newID, Start: start}
		}, fixture.Now)
	}
	mark := func(who, mutator string, clock time.Time) func(*data.Store, ids) error {
		return talkRun(who, mutator, func(x ids) any { return app.TalkArgs{TalkID: x["k"]} }, clock)
	}
	cancelled := func(t *testing.T, st *data.Store) ids {
		x := talk(t, st)
		fixture.Must(t, st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: x["k"], Reason: "work"}, fixture.Now)
		return x
	}
	started := fixture.At(3, 14).Add(5 * time.Minute)
	state := func(want app.TalkState) func(*testing.T, *data.Store, ids) {
		return func(t *testing.T, st *data.Store, x ids) {
			if k := fixture.TalkOf(t, st, x["k"]); k.State != want {
				t.Errorf("talk is %s, want %s", k.State, want)
			}
		}
	}
	runCases(t, []mcase{
		{name: "cancel with a reason", setup: talk, act: cancel("b1", "health"),
			check: func(t *testing.T, st *data.Store, x ids) {
				if k := fixture.TalkOf(t, st, x["k"]); k.State != app.TalkCancelled || k.Reason != "health" {
					t.Errorf("talk %+v", k)
				}
			}},
		{name: "cancel with an unknown reason", setup: talk, act: cancel("a1", "bored"), code: app.CodeBadArgs},
		{name: "cancel someone else's talk", setup: talk, act: cancel("c1", "work"), code: app.CodeNotFound},
		{name: "cancel twice", setup: cancelled, act: cancel("b1", "work"), code: app.CodeTalkNotScheduled},
		{name: "cancel an unknown talk", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: fixture.NewID(), Reason: "work"}, fixture.Now)
		}, code: app.CodeNotFound},

		{name: "cancel: who and why are in the history, Sequence grows", setup: talk, act: cancel("b1", "work"),
			check: func(t *testing.T, st *data.Store, x ids) {
				k := fixture.TalkOf(t, st, x["k"])
				e, _ := k.LastEvent()
				if e.Kind != app.EventCancelled || e.By != fixture.PID("b1") || e.Reason != "work" || !e.At.Equal(fixture.Now) || k.Sequence != 1 {
					t.Errorf("talk %+v, last event %+v", k, e)
				}
			}},

		// talk.reschedule.v1, as older apps send it, only proposes the time.
		{name: "reschedule from an older app: a proposal, the talk stays", setup: talk, act: reschedule("b1", fixture.At(10, 11), newTalk),
			check: func(t *testing.T, st *data.Store, x ids) {
				k := fixture.TalkOf(t, st, x["k"])
				if k.State != app.TalkScheduled || !k.Start.Equal(fixture.At(3, 14)) || k.Proposal == nil ||
					!k.Proposal.Start.Equal(fixture.At(10, 11)) || !k.Proposal.End.Equal(fixture.At(10, 12)) || k.Proposal.By != fixture.PID("b1") {
					t.Errorf("talk %+v, proposal %+v", k, k.Proposal)
				}
				var n int
				st.Update(context.Background(), func(tx app.Tx) error {
					_, err := tx.Talk(context.Background(), newTalk)
					if err == nil {
						n++
					}
					return nil
				})
				if n != 0 {
					t.Error("a new talk was made")
				}
			}},
		{name: "reschedule into the past", setup: talk, act: reschedule("a1", fixture.At(-1, 11), fixture.NewID()), code: app.CodeSlotInPast},
		{name: "reschedule after the cohort", setup: talk, act: reschedule("a1", app.Date(2027, 3, 2).Add(11*time.Hour), fixture.NewID()), code: app.CodeSlotOutsideCohort},
		{name: "reschedule with a bad new id", setup: talk, act: reschedule("a1", fixture.At(10, 11), "new"), code: app.CodeBadArgs},
		{name: "reschedule a cancelled talk", setup: cancelled, act: reschedule("a1", fixture.At(10, 11), fixture.NewID()), code: app.CodeTalkNotScheduled},
		{name: "reschedule someone else's talk", setup: talk, act: reschedule("c1", fixture.At(10, 11), fixture.NewID()), code: app.CodeNotFound},

		{name: "mark held after the start", setup: talk, act: mark("a1", app.TalkMarkHeld, started), check: state(app.TalkHeld)},
		{name: "mark held before the start", setup: talk, act: mark("a1", app.TalkMarkHeld, fixture.Now), code: app.CodeTalkNotStarted},
		{name: "mark held on a cancelled talk", setup: cancelled, act: mark("a1", app.TalkMarkHeld, started), code: app.CodeTalkNotScheduled},
		{name: "mark no-show after the start", setup: talk, act: mark("b1", app.TalkMarkNoShow, started), check: state(app.TalkNoShow)},
		{name: "mark no-show before the start", setup: talk, act: mark("b1", app.TalkMarkNoShow, fixture.Now), code: app.CodeTalkNotStarted},
		{name: "mark no-show by a third person", setup: talk, act: mark("c1", app.TalkMarkNoShow, started), code: app.CodeNotFound},
		{name: "mark no-show on a held talk", setup: func(t *testing.T, st *data.Store) ids {
			x := talk(t, st)
			fixture.Must(t, st, "a1", app.TalkMarkHeld, app.TalkArgs{TalkID: x["k"]}, started)
			return x
		}, act: mark("b1", app.TalkMarkNoShow, started), code: app.CodeTalkNotScheduled},
	})
}

func TestSurvey(t *testing.T) {
	talk := func(t *testing.T, st *data.Store) ids { return ids{"k": fixture.Accepted(t, st, "a1", "b1")} }
	after := fixture.At(3, 15).Add(time.Minute)
	submit := func(who string, sat, rec int, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error {
			return fixture.Run(st, who, app.SurveySubmit, app.SubmitSurveyArgs{TalkID: x["k"], Satisfaction: &sat, Recommend: &rec, Comment: "視野が広がりました。"}, clock)
		}
	}
	answered := func(t *testing.T, st *data.Store) ids {
		x := talk(t, st)
		if err := submit("a1", 6, 9, after)(st, x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	runCases(t, []mcase{
		{name: "after the talk ends: saved, and the talk counts as held", setup: talk, act: submit("a1", 7, 10, after),
			check: func(t *testing.T, st *data.Store, x ids) {
				if k := fixture.TalkOf(t, st, x["k"]); k.State != app.TalkHeld {
					t.Errorf("talk is %s", k.State)
				}
				var ok bool
				st.Update(context.Background(), func(tx app.Tx) (err error) {
					ok, err = tx.SurveyExists(context.Background(), x["k"], fixture.PID("a1"))
					return err
				})
				if !ok {
					t.Error("no survey stored")
				}
			}},
		{name: "the lowest scores", setup: talk, act: submit("b1", 1, 0, after)},
		{name: "the other person answers too", setup: answered, act: submit("b1", 5, 8, after)},
		{name: "a second answer by the same person", setup: answered, act: submit("a1", 5, 8, after), code: app.CodeSurveyExists},
		{name: "satisfaction 0", setup: talk, act: submit("a1", 0, 5, after), code: app.CodeOutOfRange},
		{name: "satisfaction 8", setup: talk, act: submit("a1", 8, 5, after), code: app.CodeOutOfRange},
		{name: "recommend -1", setup: talk, act: submit("a1", 4, -1, after), code: app.CodeOutOfRange},
		{name: "recommend 11", setup: talk, act: submit("a1", 4, 11, after), code: app.CodeOutOfRange},
		{name: "before the talk ends", setup: talk, act: submit("a1", 4, 5, fixture.At(3, 14)), code: app.CodeTalkNotStarted},
		{name: "by someone not in the talk", setup: talk, act: submit("c1", 4, 5, after), code: app.CodeNotFound},
		{name: "for a cancelled talk", setup: func(t *testing.T, st *data.Store) ids {
			x := talk(t, st)
			fixture.Must(t, st, "b1", app.TalkCancel, app.CancelTalkArgs{TalkID: x["k"], Reason: "schedule"}, fixture.Now)
			return x
		}, act: submit("a1", 4, 5, after), code: app.CodeTalkNotHeld},
		{name: "for a no-show", setup: func(t *testing.T, st *data.Store) ids {
			x := talk(t, st)
			fixture.Must(t, st, "b1", app.TalkMarkNoShow, app.TalkArgs{TalkID: x["k"]}, after)
			return x
		}, act: submit("a1", 4, 5, after), code: app.CodeTalkNotHeld},
		{name: "without the scores", setup: talk, act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.SurveySubmit, json.RawMessage(`{"talkId":"`+x["k"]+`"}`), after)
		}, code: app.CodeBadArgs},
	})
}

// profileUpdate makes the actions that update a1's profile to base as
// edit changes it (base itself is never changed).
func profileUpdate(base app.UpdateProfileArgs) func(edit func(*app.UpdateProfileArgs)) func(*data.Store, ids) error {
	return func(edit func(*app.UpdateProfileArgs)) func(*data.Store, ids) error {
		return func(st *data.Store, _ ids) error {
			a := base
			a.Themes = append([]string(nil), base.Themes...)
			edit(&a)
			return fixture.Run(st, "a1", app.ProfileUpdate, a, fixture.Now)
		}
	}
}

func TestProfileAndBookmarks(t *testing.T) {
	profile := app.UpdateProfileArgs{
		Name: "山田 太郎", Kana: "やまだ たろう", AgeBand: "60-65", JobRole: "技術顧問",
		Themes: []string{"地域貢献"}, Interests: "登山", Intro: "製造現場一筋三十年です。囲碁が趣味です。",
		Modes: []app.Mode{app.ModeOnline}, FreeTimes: "平日の夕方", Visible: true,
	}
	update := profileUpdate(profile)
	bookmark := func(who, target string, on bool) func(*data.Store, ids) error {
		return func(st *data.Store, _ ids) error {
			return fixture.Run(st, who, app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID(target), On: on}, fixture.Now)
		}
	}
	runCases(t, []mcase{
		{name: "profile: saved and searchable", act: update(func(*app.UpdateProfileArgs) {}),
			check: func(t *testing.T, st *data.Store, _ ids) {
				got, err := copyToReplica(t, st).SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: fixture.PID("b1"), Text: "囲碁", Now: fixture.Now})
				if err != nil || len(got) != 1 || got[0].ID != fixture.PID("a1") || got[0].JobRole != "技術顧問" || got[0].AgeBand != "60-65" {
					t.Errorf("search after update: %v %+v", err, got)
				}
			}},
		{name: "profile: a reading in kanji", act: update(func(a *app.UpdateProfileArgs) { a.Kana = "山田" }), code: app.CodeBadArgs},
		{name: "profile: no name", act: update(func(a *app.UpdateProfileArgs) { a.Name = "" }), code: app.CodeBadArgs},
		{name: "profile: an unknown age band", act: update(func(a *app.UpdateProfileArgs) { a.AgeBand = "30-34" }), code: app.CodeBadArgs},
		{name: "profile: no talk mode", act: update(func(a *app.UpdateProfileArgs) { a.Modes = nil }), code: app.CodeBadArgs},
		{name: "profile: a mode twice", act: update(func(a *app.UpdateProfileArgs) { a.Modes = []app.Mode{"phone", "phone"} }), code: app.CodeBadArgs},
		{name: "profile: eleven themes", act: update(func(a *app.UpdateProfileArgs) {
			a.Themes = strings.Split("a b c d e f g h i j k", " ")
		}), code: app.CodeBadArgs},
		{name: "profile: an intro too long", act: update(func(a *app.UpdateProfileArgs) { a.Intro = strings.Repeat("長", 2001) }), code: app.CodeTooLong},
		{name: "profile: hidden", act: update(func(a *app.UpdateProfileArgs) { a.Visible = false }),
			check: func(t *testing.T, st *data.Store, _ ids) {
				got, _ := copyToReplica(t, st).SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: fixture.PID("b1"), Text: "山田", Now: fixture.Now})
				if len(got) != 0 {
					t.Errorf("a hidden profile is listed: %+v", got)
				}
			}},

		{name: "bookmark", act: bookmark("a1", "b1", true),
			check: func(t *testing.T, st *data.Store, _ ids) {
				got, _ := copyToReplica(t, st).SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: fixture.PID("a1"), BookmarkedOnly: true, Now: fixture.Now})
				if len(got) != 1 || got[0].ID != fixture.PID("b1") || !got[0].Bookmarked {
					t.Errorf("bookmarks %+v", got)
				}
			}},
		{name: "unbookmark leaves a tombstone",
			setup: func(t *testing.T, st *data.Store) ids {
				fixture.Must(t, st, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: true}, fixture.Now)
				return nil
			},
			act: bookmark("a1", "b1", false),
			check: func(t *testing.T, st *data.Store, _ ids) {
				s, _ := st.DumpTables(context.Background(), "bookmarks", "tombstones")
				if want := "== bookmarks\n== tombstones\nbookmarks|" + fixture.PID("a1") + "/" + fixture.PID("b1") + "|"; !strings.HasPrefix(s, want) {
					t.Errorf("got\n%s\nwant prefix\n%s", s, want)
				}
			}},
		{name: "bookmark oneself", act: bookmark("a1", "a1", true), code: app.CodeSelf},
		{name: "bookmark a colleague", act: bookmark("a1", "a2", true), code: app.CodeSameCompany},
		{name: "bookmark an invisible profile", act: bookmark("a1", "b3", true), code: app.CodeNotFound},
		{name: "bookmark nobody", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.NewID(), On: true}, fixture.Now)
		}, code: app.CodeNotFound},
	})
}
