package server

import (
	"context"
	"io"
	"net/http"
	"testing"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// The invitations tab counts a company's people with
// app.InvitationParticipation over what the invitations endpoint answers;
// the dashboard counts a programme's members on the server. Where every
// participant of a company is in the programme, both must count the same
// people alike: the staff out, the same people joined.

// checkCountsAgree compares, for one company, the invitations' count (as
// HR and as the secretariat read the list) with the dashboard's.
func checkCountsAgree(t *testing.T, what string, invs []app.Invitation, d app.Dashboard) app.Participation {
	t.Helper()
	p := app.InvitationParticipation(invs)
	if p.Participants != d.Participants || p.Joined != d.Joined {
		t.Errorf("%s: the invitations count %d participants, %d joined; the dashboard %d, %d",
			what, p.Participants, p.Joined, d.Participants, d.Joined)
	}
	return p
}

// TestInvitationsAndDashboardCountAlike checks it on the administration's
// hand-built fixture: companies P and Q, six participants each, HR of
// each and the secretariat (of P), all members of the programme; p1
// joined, p2 joined and had the device stopped (still joined), and the
// staff joined too (they are not counted).
func TestInvitationsAndDashboardCountAlike(t *testing.T) {
	e := newAdminEnv(t)
	e.login(apid("p1"))
	p2 := e.login(apid("p2"))
	sec := e.login(apid("s")).Token
	hr := map[string]string{"P": e.login(apid("hp")).Token, "Q": e.login(apid("hq")).Token}
	e.admin(sec, wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: p2.DeviceID}, nil)

	total := 0
	for _, c := range []struct {
		company                   string
		joined, staffHR, staffSec int
	}{
		{"P", 2, 1, 2}, // p1, p2; hp (and s, whom HR does not see)
		{"Q", 0, 1, 1}, // hq
	} {
		company := adminCompany(c.company)
		var d app.Dashboard
		e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort, CompanyID: company}, &d)
		if d.Participants != 6 || d.Joined != c.joined {
			t.Errorf("company %s: the dashboard counts %d participants, %d joined", c.company, d.Participants, d.Joined)
		}
		for _, who := range []struct {
			name, token string
			staff       int
		}{{"HR", hr[c.company], c.staffHR}, {"the secretariat", sec, c.staffSec}} {
			var invs wire.InvitationsResponse
			e.admin(who.token, wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: company}, &invs)
			p := checkCountsAgree(t, "company "+c.company+" for "+who.name, invs.Invitations, d)
			if p.Staff != who.staff {
				t.Errorf("company %s for %s: %d staff accounts, want %d", c.company, who.name, p.Staff, who.staff)
			}
		}
		total += d.Participants
	}
	var all app.Dashboard
	e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, &all)
	if all.Participants != total || all.Joined != 2 {
		t.Errorf("the whole programme: %d participants, %d joined; the companies %d", all.Participants, all.Joined, total)
	}
}

// TestDemoCountsAlike checks it on the demo, which also has to look
// believable: some people of every company have joined, not everyone.
func TestDemoCountsAlike(t *testing.T) {
	d, err := StartDemo(context.Background(), t.TempDir(), (&testClock{t: start}).Now)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	status, body := demoCall(t, d.URL, wire.PathRedeem, "", wire.RedeemRequest{Code: d.SecretariatCode})
	if status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	var sec wire.RedeemResponse
	decode(t, body, &sec)
	get := func(path string, req, out any) {
		t.Helper()
		var status int
		var body []byte
		if req == nil {
			r, _ := http.NewRequest(http.MethodGet, d.URL+path, nil)
			r.Header.Set("Authorization", "Bearer "+sec.Token)
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			status = resp.StatusCode
			body, _ = io.ReadAll(resp.Body)
		} else {
			status, body = demoCall(t, d.URL, path, sec.Token, req)
		}
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		decode(t, body, out)
	}
	var companies wire.CompaniesResponse
	get(wire.PathAdminCompanies, nil, &companies)
	var cohorts wire.CohortsResponse
	get(wire.PathAdminCohorts, nil, &cohorts)
	if len(companies.Companies) < 2 || len(cohorts.Cohorts) != 2 { // the current round and the previous one
		t.Fatalf("%d companies, %d programmes", len(companies.Companies), len(cohorts.Cohorts))
	}
	cohort := cohorts.Cohorts[0].ID
	people, joined := 0, 0
	for _, c := range companies.Companies {
		var dash app.Dashboard
		get(wire.PathAdminDashboard, app.Scope{CohortID: cohort, CompanyID: c.ID}, &dash)
		var invs wire.InvitationsResponse
		get(wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: c.ID}, &invs)
		checkCountsAgree(t, c.Name, invs.Invitations, dash)
		if dash.Joined == 0 {
			t.Errorf("%s: none of %d participants joined", c.Name, dash.Participants)
		}
		if dash.Active == 0 || dash.Active > dash.Participants {
			t.Errorf("%s: %d of %d participants sent or received an offer", c.Name, dash.Active, dash.Participants)
		}
		people += dash.Participants
		joined += dash.Joined
	}
	var all app.Dashboard
	get(wire.PathAdminDashboard, app.Scope{CohortID: cohort}, &all)
	if all.Participants != people || all.Joined != joined {
		t.Errorf("the programme counts %d participants, %d joined; its companies %d, %d", all.Participants, all.Joined, people, joined)
	}
	if all.Joined == all.Participants {
		t.Errorf("all %d participants joined: the demo shows no one still to invite", all.Participants)
	}
	// Everyone who sent an offer has joined: they could not have sent it
	// otherwise.
	if all.Joined < all.Participants-len(all.NoOffersSent) {
		t.Errorf("%d joined, but %d of %d sent an offer", all.Joined, all.Participants-len(all.NoOffersSent), all.Participants)
	}
}
