package server

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// demoCall posts body to a running demo server.
func demoCall(t *testing.T, url, path, token string, body any) (int, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url+path, strings.NewReader(string(b)))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out json.RawMessage
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestStartDemo(t *testing.T) {
	dir := t.TempDir()
	clock := (&testClock{t: start}).Now
	var firstCode string
	for run := range 2 { // the second run starts afresh in the same folder
		d, err := StartDemo(context.Background(), dir, clock)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(d.URL, "http://127.0.0.1:") || d.Code == "" || d.OtherCode == "" {
			t.Fatalf("demo %+v", d)
		}
		if run == 1 {
			status, body := demoCall(t, d.URL, wire.PathRedeem, "", wire.RedeemRequest{Code: firstCode})
			wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
		}
		firstCode = d.Code

		var me, other wire.RedeemResponse
		for _, c := range []struct {
			code string
			out  *wire.RedeemResponse
		}{{d.Code, &me}, {d.OtherCode, &other}} {
			status, body := demoCall(t, d.URL, wire.PathRedeem, "", wire.RedeemRequest{Code: c.code})
			if status != http.StatusOK {
				t.Fatalf("redeem: %d %s", status, body)
			}
			decode(t, body, c.out)
		}
		if me.ParticipantID != demo.DemoUser || other.CompanyID == me.CompanyID || other.Role != app.RoleParticipant {
			t.Fatalf("demo codes sign in as %+v and %+v", me, other)
		}
		// The staff codes sign in as HR of the demo user's company and as
		// the secretariat, whose dashboard has survey figures to show.
		var hr, sec wire.RedeemResponse
		for _, c := range []struct {
			code string
			out  *wire.RedeemResponse
		}{{d.HRCode, &hr}, {d.SecretariatCode, &sec}} {
			status, body := demoCall(t, d.URL, wire.PathRedeem, "", wire.RedeemRequest{Code: c.code})
			if status != http.StatusOK {
				t.Fatalf("redeem a staff code: %d %s", status, body)
			}
			decode(t, body, c.out)
		}
		if hr.Role != app.RoleHR || hr.CompanyID != me.CompanyID || sec.Role != app.RoleSecretariat {
			t.Fatalf("staff codes sign in as %+v and %+v", hr, sec)
		}
		status, body := demoCall(t, d.URL, wire.PathAdminDashboard, sec.Token, app.Scope{CohortID: demo.Demo(start).Cohorts[0].ID})
		var dash app.Dashboard
		if status != http.StatusOK {
			t.Fatalf("demo dashboard: %d %s", status, body)
		}
		decode(t, body, &dash)
		if !dash.Survey.Shown || dash.TalksHeld == 0 || len(dash.Comments) == 0 {
			t.Fatalf("the demo dashboard shows too little: %+v", dash)
		}
		checkDemoProgramme(t, d.URL, sec.Token)
		// The other side has an offer to the demo user in their pull.
		status, body = demoCall(t, d.URL, wire.PathPull, other.Token, wire.PullRequest{})
		if status != http.StatusOK {
			t.Fatalf("pull: %d %s", status, body)
		}
		var pr wire.PullResponse
		decode(t, body, &pr)
		found := false
		for _, b := range pr.Buckets {
			for _, r := range b.Rows {
				if r.Table != "offers" {
					continue
				}
				var o app.Offer
				decode(t, r.Data, &o)
				found = found || (o.FromID == other.ParticipantID && o.ToID == demo.DemoUser && o.State == app.OfferPending)
			}
		}
		if !found {
			t.Fatal("the other side has no pending offer to the demo user")
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		if err := d.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
		if _, err := http.Get(d.URL + wire.PathHealth); err == nil {
			t.Fatal("the demo server still answers after Close")
		}
	}
}

// The demo signs its person in on another computer, for its walks to
// show the notice of a new device: the person's pull lists it.
func TestDemoSignInElsewhere(t *testing.T) {
	d, err := StartDemo(context.Background(), t.TempDir(), (&testClock{t: start}).Now)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	status, body := demoCall(t, d.URL, wire.PathRedeem, "", wire.RedeemRequest{Code: d.Code, DeviceName: "会社のPC"})
	if status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	var me wire.RedeemResponse
	decode(t, body, &me)
	if err := d.SignInElsewhere(context.Background(), me.ParticipantID, "自宅のノートPC"); err != nil {
		t.Fatal(err)
	}
	status, body = demoCall(t, d.URL, wire.PathPull+"?"+wire.PullWith+"="+wire.WithDevices, me.Token, wire.PullRequest{})
	if status != http.StatusOK {
		t.Fatalf("pull: %d %s", status, body)
	}
	var pr wire.PullResponse
	decode(t, body, &pr)
	var names []string
	for _, b := range pr.Buckets {
		for _, r := range b.Rows {
			if r.Table == "devices" {
				var dev app.DeviceInfo
				decode(t, r.Data, &dev)
				names = append(names, dev.Name)
			}
		}
	}
	if !slices.Contains(names, "自宅のノートPC") || !slices.Contains(names, "会社のPC") {
		t.Fatalf("the demo user's devices %q", names)
	}
}

// checkDemoProgramme checks that the demo's previous round, whose
// programme survey is open, shows the secretariat every figure of the
// programme survey (issue 18): in the whole round the three figures, the
// change of the self-assessment, late joiners left out and the free
// answers, and people who moved up and people who did not; in each
// company the figures and the change.
func checkDemoProgramme(t *testing.T, url, token string) {
	t.Helper()
	ds := demo.Demo(start)
	var round app.Cohort
	for _, c := range ds.Cohorts[1:] {
		if o, cl := c.SurveyWindow(); !start.Before(o) && start.Before(cl) {
			round = c
		}
	}
	if round.ID == "" {
		t.Fatal("the demo has no round whose survey is open")
	}
	scopes := []app.Scope{{CohortID: round.ID}}
	for _, c := range ds.Companies {
		scopes = append(scopes, app.Scope{CohortID: round.ID, CompanyID: c.ID})
	}
	for _, sc := range scopes {
		status, body := demoCall(t, url, wire.PathAdminDashboard, token, sc)
		if status != http.StatusOK {
			t.Fatalf("demo dashboard of %+v: %d %s", sc, status, body)
		}
		var dash app.Dashboard
		decode(t, body, &dash)
		p := dash.Programme
		f, c := p.Survey, p.Change
		if !f.Shown || f.Means.Satisfaction == 0 || f.Means.NextRound == 0 || f.Means.Recommend == 0 ||
			!c.Shown || c.Before == 0 || c.After == 0 || c.Improved == 0 ||
			len(p.Insights) == 0 || len(p.NextSteps) == 0 || !p.ReferenceIsPilot || p.Reference != app.PilotFigures {
			t.Fatalf("the demo's programme results of %+v show too little: %+v", sc, p)
		}
		if sc.CompanyID == "" && (c.NoBefore == 0 || c.Improved == c.Counted) {
			t.Fatalf("the demo's round shows no late joiner left out, or no one who did not move up: %+v", c)
		}
	}
}
