package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// Suggested partners (issue 19): a dismissal is private, and reaches its
// owner's other devices and no one else's; an introduction reaches the
// two people introduced and no one else, and only the secretariat may
// make or list one.

func TestSuggestionDismissalSyncsToOwnDevicesOnly(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	ctx := context.Background()
	tp := demoThread(t, ds)
	me, cohort := tp.to.ID, tp.offer.CohortID

	mine := e.connect(me, e.clock.Now)
	mine2 := e.connect(me, e.clock.Now) // my second device
	others := map[string]*device{}
	for what, p := range map[string]app.Participant{"my colleague": tp.toColleague, "my HR": tp.toHR,
		"the secretariat": tp.secretariat, "another member": tp.anotherMember} {
		others[what] = e.connect(p.ID, e.clock.Now)
	}
	for _, d := range append([]*device{mine, mine2}, mapValues(others)...) {
		d.sync()
	}
	suggested := func(d *device) []string {
		t.Helper()
		items, err := d.r.Suggestions(ctx, me, cohort, e.clock.Now(), 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	before := suggested(mine)
	if len(before) < 5 || len(before) > app.DefaultSuggestions {
		t.Fatalf("%d suggestions, want 5 to %d", len(before), app.DefaultSuggestions)
	}
	if got := suggested(mine2); !slices.Equal(got, before) {
		t.Fatalf("my two devices suggest %v and %v", before, got)
	}
	gone := before[0]
	if _, err := mine.c.Mutate(ctx, app.SuggestionDismiss, app.Args(app.DismissSuggestionArgs{CohortID: cohort, ParticipantID: gone})); err != nil {
		t.Fatal(err)
	}
	if got := suggested(mine); slices.Contains(got, gone) {
		t.Errorf("the dismissed person is still suggested on the device that dismissed them: %v", got)
	}
	mine.sync()
	if n := e.count(`SELECT count(*) FROM suggestion_dismissals WHERE owner_id = ? AND cohort_id = ? AND participant_id = ?`,
		me, cohort, gone); n != 1 {
		t.Fatalf("the server holds %d such dismissals", n)
	}
	mine2.sync()
	if got := suggested(mine2); slices.Contains(got, gone) || len(got) == 0 {
		t.Errorf("my second device suggests %v, with the dismissed %s", got, gone)
	}
	sameAsFresh(t, e, mine2)

	// The dismissed person, my colleague, HR, the secretariat, another
	// member: no row of it.
	others["the dismissed person"] = e.connect(gone, e.clock.Now)
	for what, d := range others {
		d.sync()
		dump, err := d.r.DumpTables(ctx, "suggestion_dismissals")
		if err != nil {
			t.Fatal(err)
		}
		if dump != "== suggestion_dismissals\n" {
			t.Errorf("%s's replica holds a dismissal:\n%s", what, dump)
		}
	}
}

// introductionPair is the one the demo user is introduced to: a listed
// member of the cohort of the company of the demo's offer's sender (not
// the sender), with no offer with the demo user yet.
func introductionPair(t *testing.T, ds app.Dataset, tp threadPeople) app.Participant {
	t.Helper()
	offered := map[string]bool{}
	for _, o := range ds.Offers {
		if o.FromID == tp.to.ID || o.ToID == tp.to.ID {
			offered[o.Other(tp.to.ID)] = true
		}
	}
	for _, p := range ds.Participants {
		if p.CompanyID == tp.from.CompanyID && p.ID != tp.from.ID && p.Role == app.RoleParticipant && p.Visible &&
			p.InCohort(tp.offer.CohortID) && !offered[p.ID] {
			return p
		}
	}
	t.Fatal("no one to introduce the demo user to")
	return app.Participant{}
}

// TestIntroductionReachesTheTwoOnly is the privacy matrix of
// introductions over HTTP.
func TestIntroductionReachesTheTwoOnly(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	tp := demoThread(t, ds)
	a, b := tp.to, introductionPair(t, ds, tp)
	const note = "秘密の紹介文・一六一八。おふたりとも介護との両立に関心をお持ちです。"
	req := wire.IntroduceRequest{CohortID: tp.offer.CohortID, AID: a.ID, BID: b.ID, Note: note}
	secTok := e.login(tp.secretariat.ID).Token
	demoIntros := e.count(`SELECT count(*) FROM introductions`) // the demo's own, of the demo user

	// Only the secretariat may introduce: HR and participants are refused.
	for what, p := range map[string]app.Participant{"HR": tp.toHR, "a participant": a, "the other": b} {
		if status, body := e.call(http.MethodPost, wire.PathAdminIntroduce, e.login(p.ID).Token, req); status != http.StatusForbidden {
			t.Errorf("%s introduces: %d %s, want 403", what, status, short(body))
		}
		if status, body := e.call(http.MethodPost, wire.PathAdminIntroductions, e.login(p.ID).Token,
			wire.IntroductionsRequest{CohortID: req.CohortID}); status != http.StatusForbidden {
			t.Errorf("%s lists the introductions: %d %s, want 403", what, status, short(body))
		}
	}
	// Refusals: colleagues, oneself, someone not in the cohort, an empty
	// or overlong note.
	long := string(bytes.Repeat([]byte("あ"), app.MaxIntroductionNoteRunes+1))
	for _, c := range []struct {
		what string
		req  wire.IntroduceRequest
		code app.Code
	}{
		{"colleagues", wire.IntroduceRequest{CohortID: req.CohortID, AID: tp.from.ID, BID: b.ID, Note: note}, app.CodeSameCompany},
		{"oneself", wire.IntroduceRequest{CohortID: req.CohortID, AID: a.ID, BID: a.ID, Note: note}, app.CodeSelf},
		{"someone of another cohort only", wire.IntroduceRequest{CohortID: otherCohort, AID: a.ID, BID: pid("x3"), Note: note}, app.CodeNotInCohort},
		{"no note", wire.IntroduceRequest{CohortID: req.CohortID, AID: a.ID, BID: b.ID, Note: " "}, app.CodeBadArgs},
		{"a long note", wire.IntroduceRequest{CohortID: req.CohortID, AID: a.ID, BID: b.ID, Note: long}, app.CodeTooLong},
	} {
		status, body := e.call(http.MethodPost, wire.PathAdminIntroduce, secTok, c.req)
		var ae wire.AdminError
		if status != http.StatusUnprocessableEntity || json.Unmarshal(body, &ae) != nil || ae.Reason != c.code {
			t.Errorf("%s: %d %s, want 422 %s", c.what, status, short(body), c.code)
		}
	}
	if n := e.count(`SELECT count(*) FROM introductions`); n != demoIntros {
		t.Fatalf("refused introductions left %d rows", n)
	}

	status, body := e.call(http.MethodPost, wire.PathAdminIntroduce, secTok, req)
	var in app.Introduction
	if status != http.StatusOK || json.Unmarshal(body, &in) != nil || in.AID != a.ID || in.BID != b.ID || in.Note != note || in.ID == "" {
		t.Fatalf("introduce: %d %s", status, short(body))
	}
	if status, body := e.call(http.MethodPost, wire.PathAdminIntroduce, secTok, wire.IntroduceRequest{
		CohortID: req.CohortID, AID: b.ID, BID: a.ID, Note: note}); status != http.StatusUnprocessableEntity {
		t.Errorf("the same two again: %d %s, want 422", status, short(body))
	}
	status, body = e.call(http.MethodPost, wire.PathAdminIntroductions, secTok, wire.IntroductionsRequest{CohortID: req.CohortID})
	var list wire.IntroductionsResponse
	if status != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list.Introductions) != demoIntros+1 || list.Introductions[0].ID != in.ID {
		t.Errorf("the secretariat's list: %d %s", status, short(body))
	}

	for _, p := range []app.Participant{a, b} {
		got := e.pullAll(t, e.login(p.ID).Token, nil)
		n := 0
		for _, r := range got.rows["introductions"] {
			if bytes.Contains(r, []byte(note)) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s pulled the introduction %d times", p.Name, n)
		}
	}
	for _, who := range []struct {
		what string
		p    app.Participant
	}{
		{"a's colleague", tp.toColleague},
		{"b's colleague", tp.from},
		{"another member", tp.anotherMember},
		{"a's HR", tp.toHR},
		{"b's HR", tp.fromHR},
		{"the secretariat", tp.secretariat},
	} {
		t.Run(who.what, func(t *testing.T) {
			tok := e.login(who.p.ID).Token
			got := e.pullAll(t, tok, nil)
			if n := len(got.rows["introductions"]); n != 0 {
				t.Errorf("pulled %d introductions", n)
			}
			for tbl, rows := range got.rows {
				for _, r := range rows {
					if bytes.Contains(r, []byte("秘密の紹介文")) {
						t.Errorf("a row of %s holds the introduction: %s", tbl, short(r))
					}
				}
			}
			if who.p.Role != app.RoleHR {
				return
			}
			for _, path := range []string{wire.PathAdminDashboard, wire.PathAdminActivity} {
				status, body := e.call(http.MethodPost, path, tok, app.Scope{CohortID: req.CohortID, CompanyID: who.p.CompanyID})
				wantStatus(t, status, body, 0)
				if bytes.Contains(body, []byte("秘密の紹介文")) {
					t.Errorf("%s tells of the introduction: %s", path, short(body))
				}
			}
		})
	}

	// On the two devices, the introduction shows with the other person;
	// either may send the offer from it.
	da := e.connect(a.ID, e.clock.Now)
	da.sync()
	ofB := func() (app.IntroductionItem, bool) {
		t.Helper()
		items, err := da.r.Introductions(context.Background(), a.ID, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if it.Person.ID == b.ID {
				return it, true
			}
		}
		return app.IntroductionItem{}, false
	}
	if it, ok := ofB(); !ok || it.Note != note || it.Offered || it.ID != in.ID {
		t.Fatalf("a's introduction to b: %+v", it)
	}
	id, args := e.sendArgs(b.ID)
	if _, err := da.c.Mutate(context.Background(), app.OfferSend, args); err != nil {
		t.Fatalf("the offer from the introduction: %v", err)
	}
	da.sync()
	if it, ok := ofB(); !ok || !it.Offered {
		t.Errorf("after the offer %s: %+v", id, it)
	}
}
