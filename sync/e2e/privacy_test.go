package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// Who a participant's device may receive (DESIGN.md §4, issue 14): the
// visible participants who have joined (signed in on a device once) of
// its cohorts, listed; anyone else (hidden, not yet joined, HR or the
// secretariat) only when it has an offer or talk with them.

// TestSockPuppetSeesOnlyListedPeople: HR imports a participant of its own
// company into the programme, invites it and redeems the code itself, all
// over HTTP, and pulls everything the puppet may read. No byte of any
// answer names a person who is hidden or has not joined, of another
// company or its own, nor any HR or secretariat account (their ids, names
// and readings are searched for in the raw answers), and the puppet's
// replica holds exactly the listed members and itself.
func TestSockPuppetSeesOnlyListedPeople(t *testing.T) {
	e := newBareEnv(t, dataset())
	ctx := context.Background()
	cohort := e.ds.Cohorts[0].ID
	var hr, otherHR, secretariat, hidden app.Participant
	for _, p := range e.ds.Participants {
		switch {
		case p.Role == app.RoleHR && hr.ID == "":
			hr = p
		case p.Role == app.RoleHR && otherHR.ID == "" && p.CompanyID != hr.CompanyID && hr.ID != "":
			otherHR = p
		case p.Role == app.RoleSecretariat && secretariat.ID == "":
			secretariat = p
		case p.Role == app.RoleParticipant && !p.Visible && hidden.ID == "" && hr.ID != "" && p.CompanyID != hr.CompanyID:
			hidden = p
		}
	}
	if hr.ID == "" || otherHR.ID == "" || secretariat.ID == "" || hidden.ID == "" {
		t.Fatal("the demo lacks HR of two companies, a secretariat account or a hidden participant")
	}
	// Joined: y1 (visible: listed), a hidden participant, HR of another
	// company and the secretariat. y2 is visible but never signs in.
	for _, id := range []string{pid("y1"), hidden.ID, otherHR.ID, secretariat.ID} {
		e.login(id)
	}
	hrToken := e.login(hr.ID).Token

	// HR makes the puppet.
	status, body := e.call(http.MethodPost, wire.PathAdminImport, hrToken, wire.ImportRequest{CompanyID: hr.CompanyID,
		Entries: []app.RosterEntry{{EmployeeNo: "PUPPET-1", Name: "傀儡 一郎", Kana: "カイライ イチロウ", AgeBand: "50-54",
			Cohorts: []string{cohort}}}})
	wantStatus(t, status, body, 0)
	status, body = e.call(http.MethodPost, wire.PathAdminInvitations, hrToken, wire.InvitationsRequest{CompanyID: hr.CompanyID})
	wantStatus(t, status, body, 0)
	var invs wire.InvitationsResponse
	if err := json.Unmarshal(body, &invs); err != nil {
		t.Fatal(err)
	}
	var puppet string
	for _, inv := range invs.Invitations {
		if inv.EmployeeNo == "PUPPET-1" {
			puppet = inv.ParticipantID
		}
	}
	if puppet == "" {
		t.Fatalf("the import made no puppet: %s", short(body))
	}
	status, body = e.call(http.MethodPost, wire.PathAdminInvite, hrToken, wire.InviteRequest{ParticipantIDs: []string{puppet},
		TTLSeconds: int64((24 * time.Hour).Seconds())})
	wantStatus(t, status, body, 0)
	var codes wire.InvitationsResponse
	if err := json.Unmarshal(body, &codes); err != nil || len(codes.Invitations) != 1 || codes.Invitations[0].Code == "" {
		t.Fatalf("no code for the puppet: %s (%v)", short(body), err)
	}
	d := e.open(t.TempDir()+"/puppet.db", puppet, e.clock.Now)
	if err := d.c.Connect(ctx, e.ts.URL, codes.Invitations[0].Code); err != nil {
		t.Fatal(err)
	}
	d.sync()
	token, err := d.r.State(ctx, "token")
	if err != nil || token == "" {
		t.Fatalf("the puppet's token: %q %v", token, err)
	}

	joined := map[string]bool{}
	rows, err := e.db.Query(`SELECT DISTINCT participant_id FROM devices`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		joined[id] = true
	}
	rows.Close()
	listed := func(p app.Participant) bool {
		return p.Role == app.RoleParticipant && p.Visible && joined[p.ID] && p.InCohort(cohort)
	}
	allowed := map[string]bool{puppet: true}
	var forbidden []app.Participant
	for _, p := range e.ds.Participants {
		if listed(p) {
			allowed[p.ID] = true
		} else {
			forbidden = append(forbidden, p)
		}
	}
	if !allowed[pid("y1")] || len(allowed) != 2 {
		t.Fatalf("the test's own rule: allowed %v", allowed)
	}

	// The raw answers, from the start, page by page.
	var answers [][]byte
	var cursors []wire.Cursor
	for range 100 {
		status, body := e.call(http.MethodPost, wire.PathPull, token, wire.PullRequest{Cursors: cursors, Limit: 7})
		wantStatus(t, status, body, 0)
		answers = append(answers, body)
		var r wire.PullResponse
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			break
		}
	}
	allowedText := map[string]bool{}
	for _, p := range e.ds.Participants {
		if allowed[p.ID] {
			allowedText[p.Name], allowedText[p.Kana] = true, true
		}
	}
	allowedText["傀儡 一郎"], allowedText["カイライ イチロウ"] = true, true
	for _, p := range forbidden {
		needles := []string{p.ID}
		for _, s := range []string{p.Name, p.Kana} {
			if !allowedText[s] { // a name an allowed person shares says nothing
				needles = append(needles, s)
			}
		}
		for i, a := range answers {
			for _, n := range needles {
				if bytes.Contains(a, []byte(n)) {
					t.Errorf("answer %d names %s (%s, %s, visible %v, joined %v) by %q", i, p.ID, p.Name, p.Role, p.Visible, joined[p.ID], n)
				}
			}
		}
	}
	held := people(t, d.r)
	want := slices.Sorted(func(yield func(string) bool) {
		for id := range allowed {
			if !yield(id) {
				return
			}
		}
	})
	if !slices.Equal(held, want) {
		t.Errorf("the puppet's replica holds %v, want %v", held, want)
	}
	// HR's own device reads its company: its people, and no one else.
	h := e.open(t.TempDir()+"/hr.db", hr.ID, e.clock.Now)
	if err := h.c.Connect(ctx, e.ts.URL, e.invite(hr.ID)); err != nil {
		t.Fatal(err)
	}
	h.sync()
	for _, id := range people(t, h.r) {
		var company string
		if err := e.db.QueryRow(`SELECT company_id FROM participants WHERE id = ?`, id).Scan(&company); err != nil {
			t.Fatal(err)
		}
		if company != hr.CompanyID {
			t.Errorf("HR's replica holds %s of another company", id)
		}
	}
	if !strings.Contains(strings.Join(people(t, h.r), " "), puppet) {
		t.Error("HR does not see the puppet, of its own company")
	}
}

// TestListingFollowsJoiningAndVisibility: x1's device has pulled. y2, who
// has not joined, is not on it; y2 signs in and arrives; hides and
// leaves; shows again and arrives. y3 sends x1 an offer and then hides:
// x1 keeps y3 (their name only) and accepts the offer on the device
// itself, which the server confirms. After each step x1's replica equals
// a fresh pull.
func TestListingFollowsJoiningAndVisibility(t *testing.T) {
	e := newBareEnv(t, dataset())
	ctx := context.Background()
	x1 := e.connect(pid("x1"), e.clock.Now)
	x1.sync()
	if holds(t, x1.r, pid("y2")) {
		t.Fatal("x1 holds y2, who has not joined")
	}
	sameAsFresh(t, e, x1)

	y2 := e.connect(pid("y2"), e.clock.Now)
	y2.sync()
	x1.sync()
	if !holds(t, x1.r, pid("y2")) {
		t.Fatal("y2 joined but did not reach x1")
	}
	sameAsFresh(t, e, x1)

	show := func(d *device, name string, visible bool) {
		t.Helper()
		if _, err := d.c.Mutate(ctx, app.ProfileUpdate, app.Args(app.UpdateProfileArgs{Name: "試験 " + name,
			Kana: "シケン", AgeBand: "55-59", JobRole: "部長", Themes: []string{"学び直し"}, Intro: "よろしくお願いします。",
			Modes: app.Modes, Visible: visible})); err != nil {
			t.Fatal(err)
		}
		d.sync()
	}
	show(y2, "y2", false)
	x1.sync()
	if holds(t, x1.r, pid("y2")) {
		t.Fatal("y2 hid but x1 still holds them")
	}
	sameAsFresh(t, e, x1)
	show(y2, "y2", true)
	x1.sync()
	if !holds(t, x1.r, pid("y2")) {
		t.Fatal("y2 showed again but did not reach x1")
	}
	sameAsFresh(t, e, x1)

	y3 := e.connect(pid("y3"), e.clock.Now)
	y3.sync()
	id, args := e.sendArgs(pid("x1"))
	if _, err := y3.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	y3.sync()
	show(y3, "y3", false)
	x1.sync()
	var y3p app.Participant
	if err := x1.r.Update(ctx, func(tx app.Tx) (err error) {
		y3p, err = tx.Participant(ctx, pid("y3"))
		return err
	}); err != nil {
		t.Fatalf("x1 lost y3, who sent them an offer: %v", err)
	}
	if y3p.Name != "試験 y3" || y3p.Visible || y3p.Intro != "" || y3p.JobRole != "" || len(y3p.Themes) != 0 {
		t.Errorf("x1 holds y3, hidden, as %+v", y3p)
	}
	if _, err := x1.c.Mutate(ctx, app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: id, Start: slot(10, 14)})); err != nil {
		t.Fatalf("x1 cannot accept the offer of y3, hidden since: %v", err)
	}
	x1.sync()
	if o, ok := offer(t, x1.r, pid("x1"), id); !ok || o.State != app.OfferAccepted {
		t.Fatalf("the accepted offer on x1's device: %+v", o)
	}
	sameAsFresh(t, e, x1)
}
