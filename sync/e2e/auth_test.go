package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/sync/wire"
)

// The kinds of bucket a device may ask for, seen from its participant.
const (
	ownUser      = "own user"
	otherUser    = "another user"
	ownCohort    = "own cohort"
	notOwnCohort = "a cohort not theirs"
	ownCompany   = "own company"
	otherCompany = "another company"
)

var bucketKinds = []string{ownUser, otherUser, ownCohort, notOwnCohort, ownCompany, otherCompany}

// The auth matrix. Each role's device asks for every kind of bucket; the
// server answers those the role may read and no other: participants
// their user bucket and their cohorts, HR their user bucket and their
// company, the secretariat their user bucket and every cohort. The rows
// in them are checked too (checkRows). Every v1 mutator is a
// participant's own action: HR and the secretariat are refused with
// not_allowed, and a participant acting on another's offer, talk or
// survey is answered as if it did not exist. A revoked, unknown or
// missing token gets 401 on push, pull and poke.
func TestAuthMatrix(t *testing.T) {
	e := newEnv(t, dataset())
	ctx := context.Background()
	cohort := e.ds.Cohorts[0].ID
	companyA, companyB := e.ds.Participants[0].CompanyID, testID("company", "Y")
	byRole := func(role app.Role, company string) app.Participant {
		for _, p := range e.ds.Participants {
			if p.Role == role && p.CompanyID == company {
				return p
			}
		}
		t.Fatalf("no %s in company %s", role, company)
		return app.Participant{}
	}
	partA := byRole(app.RoleParticipant, companyA) // demo.DemoUser
	partB := byRole(app.RoleParticipant, companyB) // y1, with no offers yet
	hrA := byRole(app.RoleHR, companyA)
	secretariat := byRole(app.RoleSecretariat, companyA)
	if partA.ID != demo.DemoUser {
		t.Fatalf("participant of company A is %s, want the demo user", partA.ID)
	}

	revoked := e.login(partA.ID)
	if err := e.store.RevokeDevice(ctx, revoked.DeviceID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	unknown := strings.Repeat("A", len(revoked.Token)) // well formed, but no device has it

	type role struct {
		name     string
		who      app.Participant
		token    string   // "" for none; set below for the signed-in roles
		reads    []string // the bucket kinds answered
		mutators bool     // may run the v1 mutators
		status   int      // of every request, when not 200
	}
	roles := []role{
		{name: "participant of A", who: partA, reads: []string{ownUser, ownCohort}, mutators: true},
		{name: "participant of B", who: partB, reads: []string{ownUser, ownCohort}, mutators: true},
		{name: "HR of A", who: hrA, reads: []string{ownUser, ownCompany}},
		{name: "secretariat", who: secretariat, reads: []string{ownUser, ownCohort, notOwnCohort}},
		{name: "revoked device", who: partA, token: revoked.Token, status: http.StatusUnauthorized},
		{name: "unknown token", who: partA, token: unknown, status: http.StatusUnauthorized},
		{name: "no token", who: partA, status: http.StatusUnauthorized},
	}
	for i := range roles {
		if roles[i].status == 0 {
			roles[i].token = e.login(roles[i].who.ID).Token
		}
	}

	for _, r := range roles {
		t.Run(r.name, func(t *testing.T) {
			me := r.who
			other := companyB
			if me.CompanyID == companyB {
				other = companyA
			}
			ask := map[string]string{ // bucket kind → bucket
				ownUser:      "user:" + me.ID,
				otherUser:    "user:" + pid("y2"),
				ownCohort:    "cohort:" + cohort,
				notOwnCohort: "cohort:" + otherCohort,
				ownCompany:   "company:" + me.CompanyID,
				otherCompany: "company:" + other,
			}

			t.Run("poke", func(t *testing.T) {
				status, body := e.call(http.MethodGet, wire.PathPoke, r.token, nil)
				wantStatus(t, status, body, r.status)
			})

			t.Run("pull", func(t *testing.T) {
				var cursors []wire.Cursor
				for _, k := range bucketKinds {
					cursors = append(cursors, wire.Cursor{Bucket: ask[k]})
				}
				if r.status != 0 {
					status, body := e.call(http.MethodPost, wire.PathPull, r.token, wire.PullRequest{Cursors: cursors})
					wantStatus(t, status, body, r.status)
					return
				}
				p := e.pullAll(t, r.token, cursors)
				var want []string
				for _, k := range r.reads {
					want = append(want, ask[k])
				}
				if r.who.Role == app.RoleParticipant {
					// Each of their cohorts: the demo user is in the
					// previous round too.
					for _, c := range me.Cohorts {
						if b := data.BucketCohort + ":" + c; !slices.Contains(want, b) {
							want = append(want, b)
						}
					}
				}
				if r.who.Role == app.RoleSecretariat && r.token != "" {
					// Every cohort, asked for or not: the demo's previous
					// round too.
					for _, c := range e.ds.Cohorts {
						if b := data.BucketCohort + ":" + c.ID; !slices.Contains(want, b) {
							want = append(want, b)
						}
					}
				}
				slices.Sort(want)
				if got := slices.Sorted(maps.Keys(p.buckets)); !slices.Equal(got, want) {
					t.Errorf("answered buckets %v, want %v", got, want)
				}
				checkRows(t, e, me, p)
			})

			for _, name := range slices.Sorted(slices.Values(app.MutatorNames())) {
				t.Run("push "+name, func(t *testing.T) {
					// Empty arguments: the role is checked before them.
					status, body := e.call(http.MethodPost, wire.PathPush, r.token, wire.PushRequest{
						Mutations: []wire.Mutation{{ID: e.nextID(r.token), Name: name, Args: json.RawMessage(`{}`)}}})
					wantStatus(t, status, body, r.status)
					if r.status != 0 {
						return
					}
					code := result(t, body)
					allowed := r.mutators || app.EveryRole(name) // a setting of one's own, such as mail.settings.v1
					if allowed && code == app.CodeNotAllowed || !allowed && code != app.CodeNotAllowed {
						t.Errorf("%s by %s: %q", name, r.name, code)
					}
				})
			}
		})
	}

	// Participants act on their own rows only: to B, A's offers, talks
	// and surveys do not exist. A's and B's own bookmarks go through.
	tokenA, tokenB := roles[0].token, roles[1].token
	var offerA, talkA, heldA string
	rounds := 0
	for _, o := range e.ds.Offers {
		if o.State == app.OfferPending && o.Turn == partA.ID {
			offerA, rounds = o.ID, o.Rounds
		}
	}
	for _, k := range e.ds.Talks {
		switch {
		case !k.Has(partA.ID):
		case k.State == app.TalkScheduled:
			talkA = k.ID
		case k.State == app.TalkHeld:
			heldA = k.ID
		}
	}
	if offerA == "" || talkA == "" || heldA == "" {
		t.Fatalf("the demo lacks an offer waiting for A (%q), a talk (%q) or a held talk (%q)", offerA, talkA, heldA)
	}
	five := 5
	for _, m := range []struct {
		name string
		args any
	}{
		{app.OfferAccept, app.AcceptOfferArgs{OfferID: offerA, Start: slot(10, 14)}},
		{app.OfferCounter, app.CounterOfferArgs{OfferID: offerA, Slots: []time.Time{slot(11, 14)}}},
		{app.OfferDecline, app.DeclineOfferArgs{OfferID: offerA, Reason: "schedule"}},
		{app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: offerA}},
		{app.TalkCancel, app.CancelTalkArgs{TalkID: talkA, Reason: "schedule"}},
		{app.TalkReschedule, app.RescheduleTalkArgs{TalkID: talkA, NewTalkID: uuid.NewString(), Start: slot(15, 14)}},
		{app.TalkProposeTime, app.ProposeTimeArgs{TalkID: talkA, Start: slot(15, 14)}},
		{app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: talkA, Start: slot(15, 14)}},
		{app.TalkDeclineTime, app.TimeAnswerArgs{TalkID: talkA, Start: slot(15, 14)}},
		{app.TalkWithdrawTime, app.TimeAnswerArgs{TalkID: talkA, Start: slot(15, 14)}},
		{app.TalkMarkHeld, app.TalkArgs{TalkID: talkA}},
		{app.TalkMarkNoShow, app.TalkArgs{TalkID: talkA}},
		{app.SurveySubmit, app.SubmitSurveyArgs{TalkID: heldA, Satisfaction: &five, Recommend: &five}},
		{app.MessageSend, app.SendMessageArgs{ID: uuid.NewString(), OfferID: offerA, Text: "こんにちは。"}},
		{app.MessageSend, app.SendMessageArgs{ID: uuid.NewString(), TalkID: talkA, Text: "こんにちは。"}},
		{app.MessageRead, app.ReadMessagesArgs{OfferID: offerA, UpToID: uuid.NewString()}},
	} {
		if code := e.push(t, tokenB, m.name, m.args); code != app.CodeNotFound {
			t.Errorf("B's %s on A's row: %q, want %s", m.name, code, app.CodeNotFound)
		}
	}
	if o, _ := serverOffer(t, e.store, partA.ID, offerA); o.State != app.OfferPending || o.Rounds != rounds {
		t.Errorf("A's offer after B's attempts: %s, %d rounds", o.State, o.Rounds)
	}
	if k, _ := serverTalk(t, e.store, partA.ID, talkA); k.State != app.TalkScheduled || k.Proposal != nil {
		t.Errorf("A's talk after B's attempts: %s, proposal %+v", k.State, k.Proposal)
	}
	if code := e.push(t, tokenA, app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: partB.ID, On: true}); code != "" {
		t.Errorf("A's bookmark: %q, want applied", code)
	}
	if code := e.push(t, tokenB, app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: partA.ID, On: true}); code != "" {
		t.Errorf("B's bookmark: %q, want applied", code)
	}
}

// wantStatus checks an answer's status: 200 when want is 0, else want
// with the wire.Error of that status.
func wantStatus(t *testing.T, status int, body []byte, want int) {
	t.Helper()
	switch {
	case want == 0 && status != http.StatusOK:
		t.Fatalf("status %d, want 200; body %s", status, short(body))
	case want == 0:
	case status != want:
		t.Fatalf("status %d, want %d; body %s", status, want, short(body))
	default:
		var we wire.Error
		if err := json.Unmarshal(body, &we); err != nil || we.Code != wire.ErrUnauthorized {
			t.Errorf("body %s, want code %s", short(body), wire.ErrUnauthorized)
		}
	}
}

// short is the start of a body, for messages.
func short(body []byte) string {
	if len(body) > 200 {
		return string(body[:200]) + "…"
	}
	return string(body)
}

// call sends a request with a bearer token (none when "") and a body
// encoded as JSON (none when nil), and returns the status and the body.
func (e *env) call(method, path, token string, body any) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set(wire.HeaderToken, "Bearer "+token)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, b
}

// login redeems a new invite code for participant id.
func (e *env) login(id string) wire.RedeemResponse {
	e.t.Helper()
	status, body := e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: e.invite(id)})
	if status != http.StatusOK {
		e.t.Fatalf("redeem for %s: %d %s", id, status, body)
	}
	var r wire.RedeemResponse
	if err := json.Unmarshal(body, &r); err != nil {
		e.t.Fatal(err)
	}
	return r
}

// nextID is the next mutation id of the device with token.
func (e *env) nextID(token string) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ids == nil {
		e.ids = map[string]int64{}
	}
	e.ids[token]++
	return e.ids[token]
}

// push pushes one mutation for the device with token and returns its
// result's code.
func (e *env) push(t *testing.T, token, name string, args any) app.Code {
	t.Helper()
	status, body := e.call(http.MethodPost, wire.PathPush, token, wire.PushRequest{
		Mutations: []wire.Mutation{{ID: e.nextID(token), Name: name, Args: app.Args(args)}}})
	wantStatus(t, status, body, 0)
	return result(t, body)
}

// result is the code of the one result of a push's answer.
func result(t *testing.T, body []byte) app.Code {
	t.Helper()
	var r wire.PushResponse
	if err := json.Unmarshal(body, &r); err != nil || len(r.Results) != 1 {
		t.Fatalf("push answered %s (%v), want one result", body, err)
	}
	return r.Results[0].Code
}

// pulled is what a device pulled from the start: the buckets it was
// answered and their rows by table.
type pulled struct {
	buckets map[string]bool
	rows    map[string][]json.RawMessage
}

// pullAll pulls with cursors until no bucket has more.
func (e *env) pullAll(t *testing.T, token string, cursors []wire.Cursor) pulled {
	t.Helper()
	p := pulled{buckets: map[string]bool{}, rows: map[string][]json.RawMessage{}}
	for range 100 {
		status, body := e.call(http.MethodPost, wire.PathPull, token, wire.PullRequest{Cursors: cursors})
		wantStatus(t, status, body, 0)
		var r wire.PullResponse
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			p.buckets[b.Bucket] = true
			for _, row := range b.Rows {
				p.rows[row.Table] = append(p.rows[row.Table], row.Data)
			}
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			return p
		}
	}
	t.Fatal("pull did not end in 100 pages")
	return p
}

// checkRows checks the rows a device of me pulled against ds: exactly
// me's own offers, talks, surveys and bookmarks; exactly the people me
// may see (the listed members of me's cohorts — visible participants who
// have joined — and the people of me's offers and talks, or for HR the
// people of me's company), hidden profiles redacted outside HR's own
// company; and for HR nothing of another company.
func checkRows(t *testing.T, e *env, me app.Participant, p pulled) {
	t.Helper()
	ds := e.ds
	joined := map[string]bool{}
	for _, q := range ds.Participants {
		joined[q.ID] = e.count(`SELECT count(*) FROM devices WHERE participant_id = ?`, q.ID) > 0
	}
	people := map[string]app.Participant{}
	for _, q := range ds.Participants {
		people[q.ID] = q
	}
	wantPeople := map[string]bool{me.ID: true}
	for _, q := range ds.Participants {
		listed := q.Role == app.RoleParticipant && q.Visible && joined[q.ID]
		switch me.Role {
		case app.RoleParticipant:
			for _, c := range me.Cohorts {
				if q.InCohort(c) && listed {
					wantPeople[q.ID] = true
				}
			}
		case app.RoleHR:
			if q.CompanyID == me.CompanyID {
				wantPeople[q.ID] = true
			}
		case app.RoleSecretariat:
			if len(q.Cohorts) > 0 && listed {
				wantPeople[q.ID] = true
			}
		}
	}
	for _, o := range ds.Offers {
		if o.FromID == me.ID || o.ToID == me.ID {
			wantPeople[o.FromID], wantPeople[o.ToID] = true, true
		}
	}
	for _, k := range ds.Talks {
		if k.Has(me.ID) {
			wantPeople[k.AID], wantPeople[k.BID] = true, true
		}
	}
	gotPeople := map[string]bool{}
	for _, raw := range p.rows["participants"] {
		q := decodeRow[app.Participant](t, raw)
		gotPeople[q.ID] = true
		if q.ID != me.ID && me.Role != app.RoleHR && !people[q.ID].Visible && (q.Intro != "" || len(q.Themes) > 0) {
			t.Errorf("%s got the hidden profile of %s unredacted", me.Role, q.ID)
		}
	}
	if !maps.Equal(gotPeople, wantPeople) {
		t.Errorf("%s got %d people, want %d", me.Role, len(gotPeople), len(wantPeople))
	}
	for _, raw := range p.rows["companies"] {
		if c := decodeRow[app.Company](t, raw); me.Role == app.RoleHR && c.ID != me.CompanyID {
			t.Errorf("HR got company %s", c.ID)
		}
	}
	for _, raw := range p.rows["cohort_members"] {
		if m := decodeRow[app.Membership](t, raw); me.Role == app.RoleHR && people[m.ParticipantID].CompanyID != me.CompanyID {
			t.Errorf("HR got the membership of %s", m.ParticipantID)
		}
	}

	own := func(table string, mine func(raw json.RawMessage) bool, inDataset int) {
		t.Helper()
		n := 0
		for _, raw := range p.rows[table] {
			if !mine(raw) {
				t.Errorf("%s got %s of others: %s", me.Role, table, raw)
			}
			n++
		}
		if n != inDataset {
			t.Errorf("%s got %d %s, want its %d", me.Role, n, table, inDataset)
		}
	}
	count := func(n int, f func(i int) bool) int {
		c := 0
		for i := range n {
			if f(i) {
				c++
			}
		}
		return c
	}
	own("surveys", func(raw json.RawMessage) bool { return decodeRow[app.Survey](t, raw).AuthorID == me.ID },
		count(len(ds.Surveys), func(i int) bool { return ds.Surveys[i].AuthorID == me.ID }))
	own("offers", func(raw json.RawMessage) bool {
		o := decodeRow[app.Offer](t, raw)
		return o.FromID == me.ID || o.ToID == me.ID
	}, count(len(ds.Offers), func(i int) bool { return ds.Offers[i].FromID == me.ID || ds.Offers[i].ToID == me.ID }))
	own("talks", func(raw json.RawMessage) bool { return decodeRow[app.Talk](t, raw).Has(me.ID) },
		count(len(ds.Talks), func(i int) bool { return ds.Talks[i].Has(me.ID) }))
	own("bookmarks", func(raw json.RawMessage) bool { return decodeRow[app.Bookmark](t, raw).OwnerID == me.ID },
		count(len(ds.Bookmarks), func(i int) bool { return ds.Bookmarks[i].OwnerID == me.ID }))
}

// decodeRow decodes a pulled row strictly.
func decodeRow[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, raw, err)
	}
	return v
}
