package client_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/serverstore"
	"crosstalk/sync/client"
)

// BusyTimes gives another person's busy times as the server answers
// them: when a person of another company in the demo cohort has their
// scheduled talks, rounded out and merged; a colleague is refused with
// not_allowed; without the server it is app.ErrOffline.
func TestBusyTimes(t *testing.T) {
	e := newEnv(t)
	joinAll(t, e.store, e.ds)
	me := e.connect(demo.DemoUser, options(t))
	var mine app.Participant
	people := map[string]app.Participant{}
	for _, p := range e.ds.Participants {
		people[p.ID] = p
		if p.ID == demo.DemoUser {
			mine = p
		}
	}
	from := now
	to := from.Add(app.BusyRange)
	// The person of another company with the most scheduled talks ahead,
	// none of them with the demo user.
	taken := map[string][]app.Slot{}
	for _, k := range e.ds.Talks {
		if k.State != app.TalkScheduled || !k.Start.Before(to) || !k.End.After(from) || k.Has(demo.DemoUser) {
			continue
		}
		for _, id := range []string{k.AID, k.BID} {
			taken[id] = append(taken[id], app.Slot{Start: k.Start, End: k.End})
			if k.Proposal != nil {
				taken[id] = append(taken[id], app.Slot{Start: k.Proposal.Start, End: k.Proposal.End})
			}
		}
	}
	var other string
	for id, slots := range taken {
		p := people[id]
		if p.CompanyID != mine.CompanyID && p.Visible && p.Role == app.RoleParticipant && p.InCohort(e.cohort().ID) &&
			(other == "" || len(slots) > len(taken[other]) || len(slots) == len(taken[other]) && id < other) {
			other = id
		}
	}
	if other == "" {
		t.Fatal("the demo has no one of another company with talks ahead")
	}
	got, err := me.c.BusyTimes(context.Background(), other, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if want := serverstore.MergeBusy(taken[other], from, to); len(want) == 0 || !slices.EqualFunc(got, want, func(a, b app.Slot) bool {
		return a.Start.Equal(b.Start) && a.End.Equal(b.End)
	}) {
		t.Errorf("busy %v, want %v", got, want)
	}

	var colleague string
	for _, p := range e.ds.Participants {
		if p.CompanyID == mine.CompanyID && p.ID != mine.ID && p.Role == app.RoleParticipant && p.Visible {
			colleague = p.ID
			break
		}
	}
	_, err = me.c.BusyTimes(context.Background(), colleague, from, to)
	wantCode(t, err, app.CodeNotAllowed)
	_, err = me.c.BusyTimes(context.Background(), other, from, to.Add(1))
	wantCode(t, err, app.CodeBadArgs)

	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	})
	if _, err := me.c.BusyTimes(context.Background(), other, from, to); !errors.Is(err, app.ErrOffline) || !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("offline: %v", err)
	}
}
