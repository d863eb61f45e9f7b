package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// The privacy and auth matrix of the administration: every admin endpoint
// called by a participant, HR of P, HR of Q, the secretariat and a revoked
// device. A participant is refused every call with not_allowed and a
// revoked device gets 401; HR may act on its own company only (and never
// on the secretariat's account, although it belongs to company P); the
// secretariat may do everything. No answer to HR names a person of
// another company.
func TestAdminAuthMatrix(t *testing.T) {
	e := newAdminEnv(t)
	ctx := context.Background()
	revoked := e.login(apid("p2"))
	if err := e.st.RevokeDevice(ctx, revoked.DeviceID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	target := e.login(apid("p6")) // the device the matrix revokes
	secDevice := e.login(apid("s"))
	tokens := map[string]string{
		"participant": e.login(apid("p1")).Token,
		"hr P":        e.login(apid("hp")).Token,
		"hr Q":        e.login(apid("hq")).Token,
		"secretariat": secDevice.Token,
		"revoked":     revoked.Token,
	}
	companyOf := map[string]string{"hr P": adminCompany("P"), "hr Q": adminCompany("Q")}
	P := adminCompany("P")
	entry := []app.RosterEntry{{EmployeeNo: "P-100", Name: "新人 一号", Kana: "シンジン イチゴウ", AgeBand: "45-49",
		Cohorts: []string{adminCohort}}}
	cohort := app.Cohort{Name: "2027年度 第1期", StartsOn: app.Date(2027, 4, 1), EndsOn: app.Date(2027, 9, 30),
		Rules: app.DefaultRules}
	// A first day of the programme survey within adminCohort's default window.
	surveyOpens := app.Date(2026, 12, 20)
	const hrP, hrQ, sec = 1, 2, 4 // who may call, as bits
	calls := []struct {
		name  string
		path  string
		body  any // nil for GET
		allow int
	}{
		{"companies", wire.PathAdminCompanies, nil, hrP | hrQ | sec},
		{"save a company", wire.PathAdminSaveCompany, app.Company{Name: "株式会社新", Industry: "小売"}, sec},
		{"edit a company", wire.PathAdminSaveCompany, app.Company{ID: P, Name: "株式会社P", Industry: "製造業"}, sec},
		{"cohorts", wire.PathAdminCohorts, nil, hrP | hrQ | sec},
		{"save a cohort", wire.PathAdminSaveCohort, cohort, sec},
		{"open a cohort", wire.PathAdminCohortState, wire.CohortStateRequest{CohortID: adminCohort, State: app.CohortOpen}, sec},
		{"programme survey settings", wire.PathAdminSurvey, wire.ProgrammeSurveyRequest{CohortID: adminCohort,
			OpensOn: &surveyOpens, Reference: &app.ProgrammeFigures{Satisfaction: 6, NextRound: 6, Recommend: 8}}, sec},
		{"programme survey of no cohort", wire.PathAdminSurvey, wire.ProgrammeSurveyRequest{CohortID: "no-such-cohort"}, 0},
		{"add members", wire.PathAdminMembers, wire.MembersRequest{CohortID: adminCohort, ParticipantIDs: []string{apid("p1")}, In: true}, sec},
		{"import for P", wire.PathAdminImport, wire.ImportRequest{CompanyID: P, Entries: entry}, hrP | sec},
		{"invitations of P", wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: P}, hrP | sec},
		{"invitations of Q", wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: adminCompany("Q")}, hrQ | sec},
		{"invite p3", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p3")}, TTLSeconds: 86400}, hrP | sec},
		{"invite the secretariat", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("s")}, TTLSeconds: 86400}, sec},
		// p1 has joined (its device is the participant's token), p2 too
		// (its device is stopped): a new code for them is the
		// secretariat's to make (issue 14).
		{"invite p1, who has joined", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p1")}, TTLSeconds: 86400}, sec},
		{"invite p2, whose device is stopped", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p2")}, TTLSeconds: 86400}, sec},
		{"invite p3 with p1", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p3"), apid("p1")}, TTLSeconds: 86400}, sec},
		{"invite an unknown id", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{"nobody"}, TTLSeconds: 86400}, 0},
		{"revoke p3's invite", wire.PathAdminRevokeInvite, wire.RevokeInviteRequest{ParticipantID: apid("p3")}, hrP | sec},
		{"revoke p6's device", wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: target.DeviceID}, hrP | sec},
		{"revoke an unknown device", wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: "no-such-device"}, 0},
		{"dashboard of P", wire.PathAdminDashboard, app.Scope{CohortID: adminCohort, CompanyID: P}, hrP | sec},
		{"dashboard of the cohort", wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, sec},
		{"activity of P", wire.PathAdminActivity, app.Scope{CohortID: adminCohort, CompanyID: P}, hrP | sec},
		{"activity of the cohort", wire.PathAdminActivity, app.Scope{CohortID: adminCohort}, sec},
	}
	// The refusals HR of P gets that are not CodeNotAllowed: it may
	// invite the people of its company, but not those who have joined.
	hrPRefusal := map[string]app.Code{
		"invite p1, who has joined":          app.CodeAlreadyJoined,
		"invite p2, whose device is stopped": app.CodeAlreadyJoined,
		"invite p3 with p1":                  app.CodeAlreadyJoined,
	}
	bit := map[string]int{"hr P": hrP, "hr Q": hrQ, "secretariat": sec}
	for _, c := range calls {
		for _, role := range []string{"participant", "hr P", "hr Q", "secretariat", "revoked"} {
			t.Run(c.name+"/"+role, func(t *testing.T) {
				method := http.MethodPost
				if c.body == nil {
					method = http.MethodGet
				}
				status, body := e.call(method, c.path, tokens[role], c.body)
				switch {
				case role == "revoked":
					wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
				case role == "participant":
					wantRejected(t, status, body, app.CodeNotAllowed)
				case c.allow&bit[role] != 0:
					if status != http.StatusOK {
						t.Fatalf("status %d, want 200: %s", status, body)
					}
				case role == "secretariat":
					wantRejected(t, status, body, app.CodeNotFound)
				case role == "hr P" && hrPRefusal[c.name] != "":
					wantRejected(t, status, body, hrPRefusal[c.name])
				default:
					wantRejected(t, status, body, app.CodeNotAllowed)
				}
				if company := companyOf[role]; company != "" {
					checkNoOtherCompany(t, e, company, body)
				}
			})
		}
	}
	// HR may not revoke the secretariat's device either, although the
	// secretariat belongs to company P.
	status, body := e.call(http.MethodPost, wire.PathAdminRevokeDevice, tokens["hr P"],
		wire.RevokeDeviceRequest{DeviceID: secDevice.DeviceID})
	wantRejected(t, status, body, app.CodeNotAllowed)
	// The revoked device is refused from now on; the others still work.
	status, body = e.call(http.MethodPost, wire.PathPull, target.Token, wire.PullRequest{})
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	e.pull(tokens["secretariat"])
	// HR does not see the secretariat's account in its company's list.
	var invs wire.InvitationsResponse
	e.admin(tokens["hr P"], wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: P}, &invs)
	for _, inv := range invs.Invitations {
		if inv.ParticipantID == apid("s") {
			t.Fatal("HR lists the secretariat's account and devices")
		}
	}
	// HR sees its own company in the list of companies, and no other.
	var cs wire.CompaniesResponse
	e.admin(tokens["hr Q"], wire.PathAdminCompanies, nil, &cs)
	if len(cs.Companies) != 1 || cs.Companies[0].ID != adminCompany("Q") {
		t.Fatalf("HR of Q lists companies %+v", cs.Companies)
	}
	// Every admin call is logged, with the role and no personal data.
	logs := e.logs.String()
	for _, bad := range []string{"試験", "P-100", "新人"} {
		if strings.Contains(logs, bad) {
			t.Errorf("the log holds personal data %q", bad)
		}
	}
	if !strings.Contains(logs, `"admin":"import"`) || !strings.Contains(logs, `"added":1`) {
		t.Errorf("the import is not logged with its counts:\n%s", logs)
	}
}

// checkNoOtherCompany fails when an answer to HR of company names anyone
// of another company, by id or by name.
func checkNoOtherCompany(t *testing.T, e *env, company string, body []byte) {
	t.Helper()
	for _, p := range e.ds.Participants {
		if p.CompanyID == company {
			continue
		}
		if bytes.Contains(body, []byte(p.ID)) || bytes.Contains(body, []byte(p.Name)) {
			t.Fatalf("an answer to HR of %s names %s of another company: %s", company, p.Name, body)
		}
	}
}

// TestDashboardFigures checks every figure of the fixture's dashboards,
// worked out by hand from adminOffers and adminSurveys.
func TestDashboardFigures(t *testing.T) {
	e := newAdminEnv(t)
	e.login(apid("p1")) // p1 joined; nobody else of the participants
	sec := e.login(apid("s")).Token
	hrP := e.login(apid("hp")).Token
	refs := func(names ...string) []app.PersonRef {
		out := []app.PersonRef{}
		for _, n := range names {
			company := adminCompany(strings.ToUpper(n[:1]))
			out = append(out, app.PersonRef{ParticipantID: apid(n), Name: "試験 " + n, CompanyID: company})
		}
		return out
	}
	weeks := func(counts ...[3]int) []app.WeekFigures {
		var out []app.WeekFigures
		for i, c := range counts {
			out = append(out, app.WeekFigures{Start: app.Date(2026, 11, 1+7*i), OffersSent: c[0],
				OffersAccepted: c[1], TalksHeld: c[2]})
		}
		return out
	}

	t.Run("the whole cohort, for the secretariat", func(t *testing.T) {
		var d app.Dashboard
		e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, &d)
		want := app.Dashboard{
			Scope:        app.Scope{CohortID: adminCohort},
			Participants: 12, Joined: 1, Active: 11, // all but p6 sent or received an offer
			OffersSent: 9, OffersAnswered: 7, OffersAccepted: 6, AcceptanceRate: 6.0 / 7,
			MedianAnswer: 4 * time.Hour, // of 1, 2, 3, 4, 5, 6 and 10 hours
			TalksHeld:    4, TalksCancelled: 1, TalksNoShow: 1,
			// The first five answers (eight were given: the last three
			// wait for a batch of five).
			Survey: app.SurveyFigures{
				Shown: true, Answers: 5, Satisfaction: 5, Recommend: 7, NPS: 0, // (2 − 2) / 5
				SatisfactionBar: [7]int{0, 0, 1, 1, 1, 1, 1},
				RecommendBar:    [11]int{0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1},
			},
			Weeks:            weeks([3]int{2, 2, 1}, [3]int{3, 2, 1}, [3]int{3, 2, 2}, [3]int{1, 0, 0}),
			NoOffersReceived: refs("p2", "p4", "p6", "q6"),
			NoOffersSent:     refs("p6", "q1", "q2", "q4"),
			Comments:         sortedStrings("とても良かった", "参考になった", "時間が短い"),
			// No programme survey answered yet: the pilot's line alone.
			Programme: app.ProgrammeResults{Reference: app.PilotFigures, ReferenceIsPilot: true},
		}
		compareDashboards(t, d, want)
	})

	t.Run("company P, for its HR", func(t *testing.T) {
		var d app.Dashboard
		e.admin(hrP, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort, CompanyID: adminCompany("P")}, &d)
		want := app.Dashboard{
			Scope:        app.Scope{CohortID: adminCohort, CompanyID: adminCompany("P")},
			Participants: 6, Joined: 1, Active: 5, // all but p6
			OffersSent: 6, OffersAnswered: 4, OffersAccepted: 3, AcceptanceRate: 0.75,
			MedianAnswer: 3*time.Hour + 30*time.Minute, // of 2, 3, 4 and 10 hours
			TalksHeld:    4, TalksCancelled: 1, TalksNoShow: 1,
			// p1, p2 and p3 answered: three people, under app.MinGroup.
			Survey:           app.SurveyFigures{},
			Weeks:            weeks([3]int{2, 2, 1}, [3]int{1, 0, 1}, [3]int{2, 1, 2}, [3]int{1, 0, 0}),
			NoOffersReceived: refs("p2", "p4", "p6"),
			NoOffersSent:     refs("p6"),
			Programme:        app.ProgrammeResults{Reference: app.PilotFigures, ReferenceIsPilot: true},
		}
		compareDashboards(t, d, want)
	})

	t.Run("company P, for the secretariat: the same small group is suppressed", func(t *testing.T) {
		var d app.Dashboard
		e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort, CompanyID: adminCompany("P")}, &d)
		if d.Survey != (app.SurveyFigures{}) || d.Comments != nil {
			t.Fatalf("survey of three people shown: %+v %v", d.Survey, d.Comments)
		}
	})

	t.Run("activity of company P", func(t *testing.T) {
		var a wire.ActivityResponse
		e.admin(hrP, wire.PathAdminActivity, app.Scope{CohortID: adminCohort, CompanyID: adminCompany("P")}, &a)
		if len(a.Activity) != 6 {
			t.Fatalf("%d people, want 6", len(a.Activity))
		}
		got := a.Activity[0]
		want := app.Activity{PersonRef: refs("p1")[0], Joined: true, OffersSent: 2, OffersReceived: 1,
			OffersAccepted: 3, TalksHeld: 2, TalksCancelled: 1}
		if got != want {
			t.Fatalf("p1's activity\n%+v, want\n%+v", got, want)
		}
	})

	t.Run("taking a member out moves no answer", func(t *testing.T) {
		// q1 wrote the second answer of the first batch: if the figures
		// counted members only, the batch would shift and their
		// difference would give q1's answer away.
		var before, after app.Dashboard
		e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, &before)
		var changed wire.MembersResponse
		e.admin(sec, wire.PathAdminMembers, wire.MembersRequest{CohortID: adminCohort,
			ParticipantIDs: []string{apid("q1")}, In: false}, &changed)
		if changed.Changed != 1 {
			t.Fatalf("%d memberships changed", changed.Changed)
		}
		e.admin(sec, wire.PathAdminDashboard, app.Scope{CohortID: adminCohort}, &after)
		if after.Participants != before.Participants-1 {
			t.Errorf("%d participants after taking one of %d out", after.Participants, before.Participants)
		}
		if after.Survey != before.Survey || !slices.Equal(after.Comments, before.Comments) {
			t.Errorf("the survey figures moved:\n%+v %q\n%+v %q", before.Survey, before.Comments, after.Survey, after.Comments)
		}
		e.admin(sec, wire.PathAdminMembers, wire.MembersRequest{CohortID: adminCohort,
			ParticipantIDs: []string{apid("q1")}, In: true}, &changed)
	})

	t.Run("HR reads no other scope", func(t *testing.T) {
		for _, sc := range []app.Scope{{CohortID: adminCohort}, {CohortID: adminCohort, CompanyID: adminCompany("Q")}} {
			for _, path := range []string{wire.PathAdminDashboard, wire.PathAdminActivity} {
				status, body := e.call(http.MethodPost, path, hrP, sc)
				wantRejected(t, status, body, app.CodeNotAllowed)
			}
		}
		status, body := e.call(http.MethodPost, wire.PathAdminDashboard, sec, app.Scope{CohortID: "no-such-cohort"})
		wantRejected(t, status, body, app.CodeNotFound)
	})
}

func sortedStrings(s ...string) []string {
	slices.Sort(s)
	return s
}

func compareDashboards(t *testing.T, got, want app.Dashboard) {
	t.Helper()
	if math.Abs(got.AcceptanceRate-want.AcceptanceRate) < 1e-9 {
		got.AcceptanceRate = want.AcceptanceRate
	}
	for i := range got.Weeks {
		got.Weeks[i].Start = got.Weeks[i].Start.In(app.Tokyo)
		if w := got.Weeks[i].Start; w.Weekday() != time.Sunday || w.Hour() != 0 {
			t.Errorf("week %d starts %v, not a Sunday at midnight in Tokyo", i, w)
		}
	}
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if !bytes.Equal(g, w) {
		t.Fatalf("dashboard\n%s\nwant\n%s", g, w)
	}
}

// Bad bodies change nothing and are answered 400 or 413; bad values get
// a refusal with their code.
func TestAdminBadBodies(t *testing.T) {
	e := newAdminEnv(t)
	sec := e.login(apid("s")).Token
	before := func() string { s, _ := e.st.Dump(context.Background()); return s }()
	huge := `{"companyId":"` + adminCompany("P") + `","entries":[` + strings.Repeat(`{"employeeNo":"x"},`, wire.MaxImportBytes/18) + `{}]}`
	many := make([]app.RosterEntry, 10001)
	for i := range many {
		many[i] = app.RosterEntry{EmployeeNo: fmt.Sprint(i), Name: "名", Kana: "な", AgeBand: "50-54"}
	}
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		code   string
		reason app.Code
	}{
		{"not JSON", wire.PathAdminDashboard, "{", 400, wire.ErrBadRequest, ""},
		{"an unknown field", wire.PathAdminDashboard, `{"cohortId":"x","everyone":true}`, 400, wire.ErrBadRequest, ""},
		{"data after the value", wire.PathAdminDashboard, `{"cohortId":"x"} {}`, 400, wire.ErrBadRequest, ""},
		{"not UTF-8", wire.PathAdminSaveCompany, []byte("{\"name\":\"\xff\xfe\",\"industry\":\"\"}"), 400, wire.ErrBadRequest, ""},
		{"over 1 MB", wire.PathAdminDashboard, `{"cohortId":"` + strings.Repeat("x", wire.MaxBodyBytes) + `"}`, 413, wire.ErrTooLarge, ""},
		{"an import over its limit", wire.PathAdminImport, huge, 413, wire.ErrTooLarge, ""},
		{"10,001 entries", wire.PathAdminImport, wire.ImportRequest{CompanyID: adminCompany("P"), Entries: many}, 422, wire.ErrRejected, app.CodeTooLarge},
		{"a duplicate employee number", wire.PathAdminImport, wire.ImportRequest{CompanyID: adminCompany("P"),
			Entries: []app.RosterEntry{many[0], many[0]}}, 422, wire.ErrRejected, app.CodeDuplicateEmployeeNo},
		{"an unknown cohort", wire.PathAdminImport, wire.ImportRequest{CompanyID: adminCompany("P"),
			Entries: []app.RosterEntry{{EmployeeNo: "1", Name: "名", Kana: "な", AgeBand: "50-54", Cohorts: []string{"nope"}}}},
			422, wire.ErrRejected, app.CodeNotFound},
		{"a cohort ending before it starts", wire.PathAdminSaveCohort, app.Cohort{Name: "期", StartsOn: app.Date(2027, 5, 1),
			EndsOn: app.Date(2027, 4, 1), Rules: app.DefaultRules}, 422, wire.ErrRejected, app.CodeBadArgs},
		{"a cohort with a zero cap", wire.PathAdminSaveCohort, app.Cohort{Name: "期", StartsOn: app.Date(2027, 4, 1),
			EndsOn: app.Date(2027, 5, 1), Rules: app.Rules{OfferExpiryDays: 7, TalkMinutes: 60}}, 422, wire.ErrRejected, app.CodeOutOfRange},
		{"a company without a name", wire.PathAdminSaveCompany, app.Company{Industry: "製造"}, 422, wire.ErrRejected, app.CodeBadArgs},
		{"an invite for a year", wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p1")}, TTLSeconds: 365 * 86400},
			422, wire.ErrRejected, app.CodeOutOfRange},
		{"a cohort back to draft", wire.PathAdminCohortState, wire.CohortStateRequest{CohortID: adminCohort, State: app.CohortDraft},
			422, wire.ErrRejected, app.CodeBadArgs},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := e.call(http.MethodPost, c.path, sec, c.body)
			if status != c.status {
				t.Fatalf("status %d, want %d: %.300s", status, c.status, body)
			}
			var got wire.AdminError
			decode(t, body, &got)
			if got.Code != c.code || got.Reason != c.reason {
				t.Fatalf("answer %+v, want %s %s", got, c.code, c.reason)
			}
			if strings.Contains(string(body), "SQL") || strings.Contains(string(body), "sqlite") {
				t.Fatalf("the answer tells of the store: %s", body)
			}
		})
	}
	status, body := e.call(http.MethodGet, wire.PathAdminDashboard, sec, nil)
	wantError(t, status, body, http.StatusMethodNotAllowed, wire.ErrMethod)
	if after, _ := e.st.Dump(context.Background()); after != before {
		t.Fatal("a refused request wrote something")
	}
}

// An invitation for a person: the code works once, a newer one revokes
// it, and the person's devices show in the list; revoking the device
// stops its token. Once the person has joined, only the secretariat may
// make them a new code.
func TestAdminInviteFlow(t *testing.T) {
	e := newAdminEnv(t)
	hr := e.login(apid("hp")).Token
	invite := func() string {
		var r wire.InvitationsResponse
		e.admin(hr, wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p4")}, TTLSeconds: 7 * 86400}, &r)
		if len(r.Invitations) != 1 || r.Invitations[0].Code == "" || r.Invitations[0].ExpiresAt == nil ||
			!r.Invitations[0].ExpiresAt.Equal(start.AddDate(0, 0, 7)) {
			t.Fatalf("invite answer %+v", r)
		}
		return r.Invitations[0].Code
	}
	old, code := invite(), invite()
	redeem := func(c string) (int, []byte) {
		return e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: c, DeviceName: "会社のPC"})
	}
	status, body := redeem(old)
	wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
	status, body = redeem(code)
	if status != http.StatusOK {
		t.Fatalf("redeem the new code: %d %s", status, body)
	}
	var dev wire.RedeemResponse
	decode(t, body, &dev)
	var list wire.InvitationsResponse
	e.admin(hr, wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: adminCompany("P")}, &list)
	var p4 *app.Invitation
	for i, inv := range list.Invitations {
		if inv.Code != "" {
			t.Fatal("the list shows a code")
		}
		if inv.ParticipantID == apid("p4") {
			p4 = &list.Invitations[i]
		}
	}
	// p1–p6 and hp; not the secretariat.
	if len(list.Invitations) != 7 || p4 == nil || p4.JoinedAt == nil || len(p4.Devices) != 1 ||
		p4.Devices[0].ID != dev.DeviceID || p4.Devices[0].Name != "会社のPC" {
		t.Fatalf("invitations %+v", list.Invitations)
	}
	var rv wire.RevokedResponse
	e.admin(hr, wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: dev.DeviceID}, &rv)
	status, body = e.call(http.MethodPost, wire.PathPull, dev.Token, wire.PullRequest{})
	wantError(t, status, body, http.StatusUnauthorized, wire.ErrUnauthorized)
	// p4 has joined: HR may no longer make p4 a code (issue 14); the
	// secretariat may.
	status, body = e.call(http.MethodPost, wire.PathAdminInvite, hr,
		wire.InviteRequest{ParticipantIDs: []string{apid("p4")}, TTLSeconds: 7 * 86400})
	wantRejected(t, status, body, app.CodeAlreadyJoined)
	var again wire.InvitationsResponse
	e.admin(e.login(apid("s")).Token, wire.PathAdminInvite,
		wire.InviteRequest{ParticipantIDs: []string{apid("p4")}, TTLSeconds: 7 * 86400}, &again)
	if len(again.Invitations) != 1 || again.Invitations[0].Code == "" {
		t.Fatalf("the secretariat's code for p4: %+v", again)
	}
	// A code revoked before use does not work; HR may revoke it.
	code = again.Invitations[0].Code
	e.admin(hr, wire.PathAdminRevokeInvite, wire.RevokeInviteRequest{ParticipantID: apid("p4")}, &rv)
	if rv.Revoked != 1 {
		t.Fatalf("revoked %d codes, want 1", rv.Revoked)
	}
	status, body = redeem(code)
	wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
}

// Closing a cohort through the endpoint expires its pending offer, and
// the participants' pull shows it; an import reaches HR's pull.
func TestAdminWritesReachPulls(t *testing.T) {
	e := newAdminEnv(t)
	sec := e.login(apid("s")).Token
	hr := e.login(apid("hp")).Token
	p4 := e.login(apid("p4")).Token
	var st wire.CohortStateResponse
	e.admin(sec, wire.PathAdminCohortState, wire.CohortStateRequest{CohortID: adminCohort, State: app.CohortClosed}, &st)
	if st.Expired != 1 {
		t.Fatalf("closing expired %d offers, want 1", st.Expired)
	}
	if o := e.pullAll(p4).offers(t)[adminOfferID("o4")]; o.State != app.OfferExpired {
		t.Fatalf("p4's offer after closing: %s", o.State)
	}
	var res app.ImportResult
	req := wire.ImportRequest{CompanyID: adminCompany("P"), Entries: []app.RosterEntry{
		{EmployeeNo: "P-7", Name: "新人 七", Kana: "シンジン ナナ", AgeBand: "45-49", JobRole: "課長", Cohorts: []string{adminCohort}}}}
	e.admin(hr, wire.PathAdminImport, req, &res)
	if res != (app.ImportResult{Added: 1}) {
		t.Fatalf("import %+v", res)
	}
	found := false
	for _, raw := range e.pullAll(hr).rows["participants"] {
		var p app.Participant
		decode(t, raw, &p)
		found = found || (p.Name == "新人 七" && !p.Visible && p.CompanyID == adminCompany("P"))
	}
	if !found {
		t.Fatal("HR's pull lacks the imported person")
	}
	e.admin(hr, wire.PathAdminImport, req, &res)
	if res != (app.ImportResult{Unchanged: 1}) {
		t.Fatalf("the same import again: %+v", res)
	}
}

// An address imported with HR's list reaches no one but the person:
// every other participant's pull, among them those who share the
// person's programme, and HR's own, holds the person's row without it;
// the person's own pull has it, in their own row.
func TestImportedAddressOnlyToItsOwner(t *testing.T) {
	e := newAdminEnv(t)
	hr := e.login(apid("hp")).Token
	const addr = "shinjin.nana@example.co.jp"
	var res app.ImportResult
	e.admin(hr, wire.PathAdminImport, wire.ImportRequest{CompanyID: adminCompany("P"), Entries: []app.RosterEntry{
		{EmployeeNo: "P-7", Name: "新人 七", Kana: "シンジン ナナ", AgeBand: "50s", Cohorts: []string{adminCohort},
			Themes: []string{"学び直し"}, Email: addr}}}, &res)
	if res != (app.ImportResult{Added: 1}) {
		t.Fatalf("import %+v", res)
	}
	// The person signs in and shows their profile: the programme's other
	// participants are sent it (a cohort bucket lists only visible
	// participants who have joined).
	var nana app.Participant
	for _, raw := range e.pullAll(hr).rows["participants"] {
		var p app.Participant
		decode(t, raw, &p)
		if p.Name == "新人 七" {
			nana = p
		}
	}
	if nana.ID == "" {
		t.Fatal("HR's pull lacks the imported person")
	}
	nanaToken := e.login(nana.ID).Token
	if r := e.push(nanaToken, wire.Mutation{ID: 1, Name: app.ProfileUpdate, Args: app.Args(app.UpdateProfileArgs{
		Name: nana.Name, Kana: nana.Kana, AgeBand: nana.AgeBand, Themes: nana.Themes, Modes: app.Modes, Visible: true})}); len(r.Results) != 1 || r.Results[0].Code != "" {
		t.Fatalf("the person's profile update: %+v", r)
	}
	seen := 0
	for _, p := range e.ds.Participants {
		if p.Role == app.RoleSecretariat {
			continue
		}
		got := e.pullAll(e.login(p.ID).Token)
		for _, raw := range got.rows["participants"] {
			var row app.Participant
			decode(t, raw, &row)
			if row.ID != p.ID && (strings.Contains(string(raw), "@example.co.jp") || strings.Contains(string(raw), `"email"`)) {
				t.Errorf("%s's pull holds an address: %s", p.ID, raw)
			}
			if strings.Contains(string(raw), "新人 七") && p.CompanyID != adminCompany("P") {
				seen++
			}
		}
	}
	if seen == 0 {
		t.Fatal("no participant of another company pulled the imported person: the test proves nothing")
	}
	own := 0
	for _, raw := range e.pullAll(nanaToken).rows["participants"] {
		var row app.Participant
		decode(t, raw, &row)
		switch {
		case row.ID == nana.ID && (row.Mail == nil || row.Mail.Email != addr):
			t.Errorf("the person's own row: %s", raw)
		case row.ID == nana.ID:
			own++
		case strings.Contains(string(raw), `"email"`):
			t.Errorf("the person's pull holds another's address: %s", raw)
		}
	}
	if own == 0 {
		t.Error("the person did not pull their own row")
	}
}
