package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
)

// byRole is the first person of a role in the demo consortium.
func (e *env) byRole(role app.Role) app.Participant {
	e.t.Helper()
	for _, p := range e.ds.Participants {
		if p.Role == role {
			return p
		}
	}
	e.t.Fatalf("no %s in the demo", role)
	return app.Participant{}
}

func wantCode(t *testing.T, err error, code app.Code) {
	t.Helper()
	var r *app.Rejection
	if !errors.As(err, &r) || r.Code != code {
		t.Fatalf("got %v, want a rejection %s", err, code)
	}
}

// app.Admin over a real server: the secretariat runs companies and
// cohorts, HR imports and invites its own people, and the server's
// refusals arrive as rejections with their codes.
func TestAdminOverServer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	cohort := e.cohort()
	hrP := e.byRole(app.RoleHR)
	sec := e.connect(e.byRole(app.RoleSecretariat).ID, options(t)).c.Admin()
	hr := e.connect(hrP.ID, options(t)).c.Admin()
	part := e.connect(demo.DemoUser, options(t)).c.Admin()

	// The secretariat.
	cs, err := sec.Companies(ctx)
	if err != nil || len(cs) != len(e.ds.Companies) {
		t.Fatalf("companies: %d, %v", len(cs), err)
	}
	c, err := sec.SaveCompany(ctx, app.Company{Name: "株式会社あたらし", Industry: "小売"})
	if err != nil || c.ID == "" {
		t.Fatalf("save company: %+v, %v", c, err)
	}
	k, err := sec.SaveCohort(ctx, app.Cohort{Name: "2027年度 第1期", StartsOn: app.Date(2027, 4, 1),
		EndsOn: app.Date(2027, 9, 30), State: app.CohortOpen, Rules: app.DefaultRules})
	if err != nil || k.ID == "" || k.State != app.CohortDraft {
		t.Fatalf("save cohort: %+v, %v", k, err)
	}
	if err := sec.SetCohortState(ctx, k.ID, app.CohortOpen); err != nil {
		t.Fatal(err)
	}
	if err := sec.SetMembers(ctx, k.ID, []string{demo.DemoUser}, true); err != nil {
		t.Fatal(err)
	}
	ks, err := sec.Cohorts(ctx)
	if err != nil || len(ks) != 3 { // the demo's two rounds and the new one
		t.Fatalf("cohorts: %+v, %v", ks, err)
	}
	d, err := sec.Dashboard(ctx, app.Scope{CohortID: cohort.ID})
	if err != nil || d.Participants == 0 || d.TalksHeld == 0 || !d.Survey.Shown {
		t.Fatalf("the demo's dashboard shows too little: %+v, %v", d, err)
	}

	// HR of the demo user's company.
	entries := []app.RosterEntry{
		{EmployeeNo: "M-001", Name: "新入 太郎", Kana: "シンニュウ タロウ", AgeBand: "50-54", Cohorts: []string{cohort.ID}},
		{EmployeeNo: "M-002", Name: "新入 花子", Kana: "シンニュウ ハナコ", AgeBand: "55-59", Role: app.RoleHR},
	}
	res, err := hr.Import(ctx, hrP.CompanyID, entries)
	if err != nil || res != (app.ImportResult{Added: 2}) {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if res, err = hr.Import(ctx, hrP.CompanyID, entries); err != nil || res != (app.ImportResult{Unchanged: 2}) {
		t.Fatalf("import again: %+v, %v", res, err)
	}
	_, err = hr.Import(ctx, hrP.CompanyID, append(entries, entries[0]))
	wantCode(t, err, app.CodeDuplicateEmployeeNo)
	invs, err := hr.Invitations(ctx, hrP.CompanyID)
	if err != nil {
		t.Fatal(err)
	}
	var newcomer string
	for _, inv := range invs {
		if inv.EmployeeNo == "M-001" {
			newcomer = inv.ParticipantID
		}
	}
	if newcomer == "" {
		t.Fatalf("the imported person is not in the invitations: %+v", invs)
	}
	sent, err := hr.Invite(ctx, []string{newcomer}, 7*24*time.Hour)
	if err != nil || len(sent) != 1 || sent[0].Code == "" {
		t.Fatalf("invite: %+v, %v", sent, err)
	}
	cl := client.New(newReplica(t), options(t))
	if err := cl.Connect(ctx, e.ts.URL, sent[0].Code); err != nil {
		t.Fatalf("connect with the invite: %v", err)
	}
	if err := hr.RevokeInvite(ctx, newcomer); err != nil {
		t.Fatal(err)
	}
	if _, err := hr.Dashboard(ctx, app.Scope{CohortID: cohort.ID, CompanyID: hrP.CompanyID}); err != nil {
		t.Fatal(err)
	}
	acts, err := hr.Activity(ctx, app.Scope{CohortID: cohort.ID, CompanyID: hrP.CompanyID})
	if err != nil || len(acts) == 0 {
		t.Fatalf("activity: %d, %v", len(acts), err)
	}
	for _, a := range acts {
		if a.CompanyID != hrP.CompanyID {
			t.Fatalf("HR reads the activity of another company's person")
		}
	}
	invs, _ = hr.Invitations(ctx, hrP.CompanyID)
	var device string
	for _, inv := range invs {
		if inv.ParticipantID == newcomer && inv.JoinedAt != nil && len(inv.Devices) == 1 {
			device = inv.Devices[0].ID
		}
	}
	if device == "" {
		t.Fatal("the newcomer's device is not listed")
	}
	if err := hr.RevokeDevice(ctx, device); err != nil {
		t.Fatal(err)
	}
	if err := cl.SyncNow(ctx); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("sync with a revoked device: %v", err)
	}
	// The revoked device's own admin calls are 401 too.
	_, err = cl.Admin().Companies(ctx)
	if !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("admin call of a revoked device: %v", err)
	}

	// What the roles may not do.
	_, err = hr.Dashboard(ctx, app.Scope{CohortID: cohort.ID})
	wantCode(t, err, app.CodeNotAllowed)
	_, err = hr.Import(ctx, e.ds.Companies[1].ID, entries)
	wantCode(t, err, app.CodeNotAllowed)
	_, err = hr.SaveCompany(ctx, app.Company{Name: "株式会社HR"})
	wantCode(t, err, app.CodeNotAllowed)
	_, err = part.Companies(ctx)
	wantCode(t, err, app.CodeNotAllowed)
	_, err = part.Dashboard(ctx, app.Scope{CohortID: cohort.ID, CompanyID: hrP.CompanyID})
	wantCode(t, err, app.CodeNotAllowed)
	_, err = sec.SaveCohort(ctx, app.Cohort{Name: "", StartsOn: app.Date(2027, 4, 1), EndsOn: app.Date(2027, 4, 2), Rules: app.DefaultRules})
	wantCode(t, err, app.CodeBadArgs)
}

// When the server cannot be reached, an admin call says so with
// app.ErrOffline.
func TestAdminOffline(t *testing.T) {
	e := newEnv(t)
	sec := e.connect(e.byRole(app.RoleSecretariat).ID, options(t)).c.Admin()
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
		return true
	})
	_, err := sec.Companies(context.Background())
	if !errors.Is(err, app.ErrOffline) || !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("offline: %v", err)
	}
	var none *client.Client = client.New(newReplica(t), options(t))
	if _, err := none.Admin().Cohorts(context.Background()); !errors.Is(err, client.ErrNotConnected) {
		t.Fatalf("never connected: %v", err)
	}
}
