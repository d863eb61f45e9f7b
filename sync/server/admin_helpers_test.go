package server

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// The administration's fixture: companies P and Q with six participants
// each (p1–p6, q1–q6), HR hp of P and hq of Q, and the secretariat s,
// who belongs to company P, all in one cohort that started on Sunday
// 1 November 2026. The offers, talks and surveys are in adminDataset's
// table; the expected figures in TestDashboardFigures follow from it.

var adminCohort = testID("cohort", "admin")

func adminCompany(name string) string { return testID("company", "admin-"+name) }

// apid is the participant id of a fixture person such as "p1".
func apid(name string) string { return testID("participant", "admin-"+name) }

// adminKana gives the people an order by reading: p1 < … < p6 < q1 < … < q6.
var adminKana = map[string]string{
	"p1": "あいだ", "p2": "いしい", "p3": "うえだ", "p4": "えもと", "p5": "おの", "p6": "かとう",
	"q1": "きむら", "q2": "くどう", "q3": "けんもち", "q4": "こばやし", "q5": "さとう", "q6": "しみず",
	"hp": "すずき", "hq": "せきね", "s": "そのだ",
}

// tokyo is a time in November 2026, Tokyo.
func tokyo(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, app.Tokyo) }

type adminOffer struct {
	id, from, to string
	state        app.OfferState
	created      time.Time
	answer       time.Duration // after created; 0 for none
	talk         app.TalkState // "" for no talk
	talkDay      int
	reason       string
}

var adminOffers = []adminOffer{
	{"o1", "p1", "q1", app.OfferAccepted, tokyo(2, 10), 2 * time.Hour, app.TalkHeld, 5, ""},
	{"o2", "p2", "q2", app.OfferAccepted, tokyo(3, 10), 4 * time.Hour, app.TalkHeld, 12, ""},
	{"o3", "p3", "q3", app.OfferDeclined, tokyo(9, 10), 10 * time.Hour, "", 0, ""},
	{"o4", "p4", "q4", app.OfferPending, tokyo(24, 10), 0, "", 0, ""},
	{"o5", "q5", "p5", app.OfferAccepted, tokyo(10, 10), time.Hour, app.TalkNoShow, 13, ""},
	{"o6", "q6", "p1", app.OfferAccepted, tokyo(10, 12), 6 * time.Hour, app.TalkCancelled, 20, "schedule"},
	{"o7", "p1", "q2", app.OfferAccepted, tokyo(16, 10), 3 * time.Hour, app.TalkHeld, 19, ""},
	{"o8", "q3", "p3", app.OfferAccepted, tokyo(16, 11), 5 * time.Hour, app.TalkHeld, 20, ""},
	{"o9", "p5", "q5", app.OfferWithdrawn, tokyo(17, 10), 0, "", 0, ""},
}

var adminSurveys = []struct {
	offer, author           string
	satisfaction, recommend int
	comment                 string
}{
	{"o1", "p1", 7, 10, "とても良かった"},
	{"o1", "q1", 6, 9, ""},
	{"o2", "p2", 5, 8, "参考になった"},
	{"o2", "q2", 4, 6, ""},
	{"o8", "q3", 3, 2, "時間が短い"},
	// A batch of app.MinGroup answers is above; the three below wait for
	// two more before the figures count them.
	{"o7", "p1", 6, 7, ""},
	{"o7", "q2", 7, 10, "また話したい"},
	{"o8", "p3", 5, 9, ""},
}

func adminOfferID(name string) string { return testID("offer", "admin-"+name) }

// adminDataset is the administration's fixture.
func adminDataset() app.Dataset {
	var ds app.Dataset
	for _, c := range []string{"P", "Q"} {
		ds.Companies = append(ds.Companies, app.Company{ID: adminCompany(c), Name: "株式会社" + c, Industry: "製造"})
	}
	ds.Cohorts = []app.Cohort{{ID: adminCohort, Name: "2026年度 第3期", StartsOn: app.Date(2026, 11, 1),
		EndsOn: app.Date(2026, 12, 31), State: app.CohortOpen, Rules: app.DefaultRules}}
	person := func(name, company string, role app.Role) {
		ds.Participants = append(ds.Participants, app.Participant{
			ID: apid(name), CompanyID: adminCompany(company), Name: "試験 " + name, Kana: adminKana[name],
			AgeBand: "55-59", Themes: []string{}, Modes: app.Modes, Visible: true, Role: role,
			Cohorts: []string{adminCohort},
		})
	}
	for _, c := range []string{"p", "q"} {
		for i := 1; i <= 6; i++ {
			person(c+string(rune('0'+i)), strings.ToUpper(c), app.RoleParticipant)
		}
	}
	person("hp", "P", app.RoleHR)
	person("hq", "Q", app.RoleHR)
	person("s", "P", app.RoleSecretariat)
	for _, o := range adminOffers {
		off := app.Offer{
			ID: adminOfferID(o.id), CohortID: adminCohort, FromID: apid(o.from), ToID: apid(o.to),
			Message: "はじめまして。", Slots: []app.Slot{{Start: tokyo(27, 14), End: tokyo(27, 15)}},
			Mode: app.ModeOnline, State: o.state, CreatedAt: o.created, UpdatedAt: o.created,
			ExpiresAt: o.created.AddDate(0, 0, 7),
		}
		if o.state == app.OfferPending {
			off.Turn = apid(o.to)
			off.ExpiresAt = start.AddDate(0, 0, 7)
		}
		if o.answer > 0 {
			at := o.created.Add(o.answer)
			off.AnsweredAt, off.UpdatedAt = &at, at
		}
		if o.talk != "" {
			k := app.Talk{ID: app.TalkIDFor(off.ID), OfferID: off.ID, CohortID: adminCohort, AID: off.FromID,
				BID: off.ToID, Start: tokyo(o.talkDay, 14), End: tokyo(o.talkDay, 15), Mode: app.ModeOnline,
				State: o.talk, Reason: o.reason, CreatedAt: off.UpdatedAt, UpdatedAt: off.UpdatedAt}
			off.TalkID = k.ID
			ds.Talks = append(ds.Talks, k)
		}
		ds.Offers = append(ds.Offers, off)
	}
	for i, s := range adminSurveys {
		ds.Surveys = append(ds.Surveys, app.Survey{TalkID: app.TalkIDFor(adminOfferID(s.offer)), AuthorID: apid(s.author),
			Satisfaction: s.satisfaction, Recommend: s.recommend, Comment: s.comment,
			CreatedAt: start.Add(time.Duration(i) * time.Minute)}) // in the table's order
	}
	return ds
}

// newAdminEnv is newEnv over the administration's fixture.
func newAdminEnv(t testing.TB) *env {
	t.Helper()
	return newEnv(t, func(c *envConfig) { c.ds = adminDataset() })
}

// admin calls an admin endpoint and decodes a 200 answer into out.
func (e *env) admin(token, path string, body, out any) {
	e.t.Helper()
	method := http.MethodPost
	if body == nil {
		method = http.MethodGet
	}
	status, b := e.call(method, path, token, body)
	if status != http.StatusOK {
		e.t.Fatalf("%s: %d %s", path, status, b)
	}
	if out != nil {
		decode(e.t, b, out)
	}
}

// wantRejected checks that an answer is a refusal with reason code.
func wantRejected(t testing.TB, status int, body []byte, code app.Code) {
	t.Helper()
	want := http.StatusUnprocessableEntity
	if code == app.CodeNotAllowed {
		want = http.StatusForbidden
	}
	var e wire.AdminError
	if status != want {
		t.Fatalf("status %d, want %d; body %s", status, want, body)
	}
	decode(t, body, &e)
	if e.Code != wire.ErrRejected || e.Reason != code {
		t.Fatalf("refusal %+v, want reason %s", e, code)
	}
}
