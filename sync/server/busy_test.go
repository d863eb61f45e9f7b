package server

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// busyEnv is the test consortium with z1, of company Y, only in the
// other cohort; everyone asked about below has signed in (and so is
// listed) but y3, who never did.
func busyEnv(t *testing.T) *env {
	t.Helper()
	ds := dataset()
	ds.Participants = append(ds.Participants, app.Participant{
		ID: pid("z1"), CompanyID: companyID("Y"), Name: "試験 z1", Kana: "シケン", AgeBand: "55-59",
		Modes: app.Modes, Visible: true, Role: app.RoleParticipant, Cohorts: []string{otherCohort},
	})
	return newEnv(t, func(c *envConfig) { c.ds = ds })
}

// ok pushes one mutation and fails the test unless it ran.
func (e *env) ok(token string, id int64, name string, args any) {
	e.t.Helper()
	r := e.push(token, wire.Mutation{ID: id, Name: name, Args: app.Args(args), ClientTime: e.clock.Now()})
	if len(r.Results) != 1 || r.Results[0].Code != "" {
		e.t.Fatalf("%s: %+v", name, r.Results)
	}
}

// askBusy asks for participantID's busy times in [from, to).
func (e *env) askBusy(token, participantID string, from, to time.Time) (int, []byte) {
	e.t.Helper()
	return e.call(http.MethodPost, wire.PathBusy, token, wire.BusyRequest{ParticipantID: participantID, From: from, To: to})
}

// A participant learns when someone they may send an offer to is taken,
// and nothing else: y1's two talks, from 14:10 and from 15:40 on Friday
// 27 November, rounded out to the afternoon (13:00–17:00) they are in,
// and the new time y1 proposed for the first, on Monday 30 November at
// 10:00, rounded out to that morning (until 13:00). The answer
// holds no id, no name, no counterpart, no mode and no place.
func TestBusyTimes(t *testing.T) {
	e := busyEnv(t)
	x1, x2, x3, y1 := e.login(pid("x1")), e.login(pid("x2")), e.login(pid("x3")), e.login(pid("y1"))
	cohort := e.ds.Cohorts[0]
	length := cohort.Rules.TalkLength()
	at := func(day, hour, min int) time.Time { return time.Date(2026, 11, day, hour, min, 0, 0, app.Tokyo) }
	var offers, places []string
	for i, tc := range []struct {
		from  wire.RedeemResponse
		start time.Time
	}{{x1, at(27, 14, 10)}, {x2, at(27, 15, 40)}} {
		id, place := uuid.NewString(), "オンライン会議室-"+uuid.NewString()[:8]
		e.ok(tc.from.Token, 1, app.OfferSend, app.SendOfferArgs{ID: id, CohortID: cohort.ID, ToID: pid("y1"),
			Message: "はじめまして。お話を伺えますと幸いです。", Mode: app.ModeOnline, Slots: []time.Time{tc.start}})
		e.ok(y1.Token, int64(i+1), app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: tc.start, Place: place})
		offers, places = append(offers, id), append(places, place)
	}
	e.ok(y1.Token, 3, app.TalkProposeTime, app.ProposeTimeArgs{TalkID: app.TalkIDFor(offers[0]), Start: at(30, 10, 0)})

	from := start
	status, body := e.askBusy(x3.Token, pid("y1"), from, from.Add(app.BusyRange))
	if status != http.StatusOK {
		t.Fatalf("x3 asks about y1: %d %s", status, body)
	}
	var r wire.BusyResponse
	decode(t, body, &r)
	// Each rounded out to the parts of the day it touches: the
	// afternoon of the 27th, the morning of the 30th.
	want := []wire.BusyInterval{
		{Start: at(27, 13, 0), End: at(27, 17, 0)},
		{Start: at(30, 0, 0), End: at(30, 13, 0)},
	}
	if length != time.Hour {
		t.Fatalf("the demo's talks last %v: the test counts on an hour", length)
	}
	if len(r.Busy) != len(want) {
		t.Fatalf("busy %+v, want %+v", r.Busy, want)
	}
	for i := range want {
		if !r.Busy[i].Start.Equal(want[i].Start) || !r.Busy[i].End.Equal(want[i].End) {
			t.Errorf("busy %d: %s to %s, want %s to %s", i, r.Busy[i].Start, r.Busy[i].End, want[i].Start, want[i].End)
		}
	}
	// Nothing in the raw answer but when.
	secrets := []string{pid("x1"), pid("x2"), pid("y1"), "試験", "online", "mode", "place", `"id"`, "offer", "talk", "by"}
	secrets = append(secrets, offers...)
	secrets = append(secrets, places...)
	secrets = append(secrets, app.TalkIDFor(offers[0]), app.TalkIDFor(offers[1]))
	for _, s := range secrets {
		if bytes.Contains(bytes.ToLower(body), []byte(strings.ToLower(s))) {
			t.Errorf("the answer holds %q: %s", s, body)
		}
	}
	// A period inside a part says the whole part, never less; one
	// without talks is empty.
	status, body = e.askBusy(x3.Token, pid("y1"), at(27, 15, 0), at(27, 16, 0))
	if status != http.StatusOK || !strings.Contains(string(body), `{"busy":[{"start":"2026-11-27T04:00:00Z","end":"2026-11-27T08:00:00Z"}]}`) {
		t.Errorf("a period inside the talks: %d %s", status, body)
	}
	status, body = e.askBusy(x3.Token, pid("y1"), at(28, 0, 0), at(29, 0, 0))
	if status != http.StatusOK || strings.TrimSpace(string(body)) != `{"busy":[]}` {
		t.Errorf("a day without talks: %d %s", status, body)
	}
	// y1 may ask about x1 in turn: their own talk with x1 counts.
	status, body = e.askBusy(y1.Token, pid("x1"), from, from.AddDate(0, 0, 7))
	if status != http.StatusOK || !strings.Contains(string(body), `"start":"2026-11-27T04:00:00Z","end":"2026-11-27T08:00:00Z"`) {
		t.Errorf("y1 about x1: %d %s", status, body)
	}
}

// Only a participant, about someone they may send an offer to, for at
// most app.BusyRange from about now: anyone else is refused alike
// (not_allowed, 403), a wrong period with bad_args (422), a revoked or
// missing token with 401.
func TestBusyTimesRefused(t *testing.T) {
	e := busyEnv(t)
	x3, y2 := e.login(pid("x3")), e.login(pid("y2"))
	e.login(pid("y1"))
	e.login(pid("z1"))
	hr := e.login(e.byRole(app.RoleHR).ID)
	week := start.AddDate(0, 0, 7)
	for _, tc := range []struct {
		name     string
		token    string
		person   string
		from, to time.Time
		code     app.Code
	}{
		{"a colleague", y2.Token, pid("y1"), start, week, app.CodeNotAllowed},
		{"no open cohort in common", x3.Token, pid("z1"), start, week, app.CodeNotAllowed},
		{"someone not listed (never signed in)", x3.Token, pid("y3"), start, week, app.CodeNotAllowed},
		{"an unknown person", x3.Token, testID("participant", "nobody"), start, week, app.CodeNotAllowed},
		{"oneself", x3.Token, pid("x3"), start, week, app.CodeNotAllowed},
		{"no one", x3.Token, "", start, week, app.CodeNotAllowed},
		{"HR", hr.Token, pid("y1"), start, week, app.CodeNotAllowed},
		{"HR about someone of another company", hr.Token, pid("x1"), start, week, app.CodeNotAllowed},
		{"a period over 8 weeks", x3.Token, pid("y1"), start, start.Add(app.BusyRange + time.Minute), app.CodeBadArgs},
		{"an empty period", x3.Token, pid("y1"), week, week, app.CodeBadArgs},
		{"a period backwards", x3.Token, pid("y1"), week, start, app.CodeBadArgs},
		{"a period in the past", x3.Token, pid("y1"), start.AddDate(0, 0, -30), start.AddDate(0, 0, -2), app.CodeBadArgs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := e.askBusy(tc.token, tc.person, tc.from, tc.to)
			wantRejected(t, status, body, tc.code)
		})
	}
	// The same person, for exactly 8 weeks, is answered.
	if status, body := e.askBusy(x3.Token, pid("y1"), start, start.Add(app.BusyRange)); status != http.StatusOK {
		t.Errorf("8 weeks: %d %s", status, body)
	}
	status, body := e.askBusy("", pid("y1"), start, week)
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	if err := e.st.RevokeDevice(context.Background(), x3.DeviceID, start); err != nil {
		t.Fatal(err)
	}
	status, body = e.askBusy(x3.Token, pid("y1"), start, week)
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	status, body = e.call(http.MethodGet, wire.PathBusy, y2.Token, nil)
	wantError(t, status, body, http.StatusMethodNotAllowed, wire.ErrMethod)
	status, body = e.call(http.MethodPost, wire.PathBusy, y2.Token, `{"participantId":"x","from":"2026-11-25T01:00:00Z","to":"2026-11-26T01:00:00Z","talks":true}`)
	wantError(t, status, body, http.StatusBadRequest, wire.ErrBadRequest)
}

// A device that asks too often is answered 429 with a Retry-After, and
// may ask again once the allowance has grown back.
func TestBusyTimesLimited(t *testing.T) {
	e := busyEnv(t)
	x3, other := e.login(pid("x3")), e.login(pid("x2"))
	e.login(pid("y1"))
	week := start.AddDate(0, 0, 7)
	for i := range busyBurst {
		if status, body := e.askBusy(x3.Token, pid("y1"), start, week); status != http.StatusOK {
			t.Fatalf("ask %d: %d %s", i+1, status, body)
		}
	}
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+wire.PathBusy,
		strings.NewReader(`{"participantId":"`+pid("y1")+`","from":"2026-11-25T01:00:00Z","to":"2026-11-26T01:00:00Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+x3.Token)
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("ask %d: %d, Retry-After %q", busyBurst+1, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Another device is not slowed by it.
	if status, body := e.askBusy(other.Token, pid("y1"), start, week); status != http.StatusOK {
		t.Fatalf("another device: %d %s", status, body)
	}
	e.clock.Add(busyRefill)
	if status, body := e.askBusy(x3.Token, pid("y1"), start, week); status != http.StatusOK {
		t.Fatalf("after %v: %d %s", busyRefill, status, body)
	}
	status, body := e.askBusy(x3.Token, pid("y1"), start, week)
	wantError(t, status, body, http.StatusTooManyRequests, wire.ErrTooMany)
}
