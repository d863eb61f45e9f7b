package serverstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// roster is a small import for company A: three people, two in the open
// cohort.
func roster() []app.RosterEntry {
	return []app.RosterEntry{
		{EmployeeNo: "A-001", Name: "青木 一郎", Kana: "アオキ イチロウ", AgeBand: "50-54", JobRole: "営業部長", Cohorts: []string{fixture.CoOpen}},
		{EmployeeNo: "A-002", Name: "石井 二郎", Kana: "いしい じろう", AgeBand: "55-59", Cohorts: []string{fixture.CoOpen, fixture.CoDraft}},
		{EmployeeNo: "A-003", Name: "上田 三保", Kana: "ウエダ ミホ", AgeBand: "60-65", Role: app.RoleHR},
	}
}

func importRoster(t *testing.T, st *serverstore.Store, entries []app.RosterEntry) (app.ImportResult, error) {
	t.Helper()
	return st.ImportRoster(context.Background(), fixture.CompanyID("A"), entries, fixture.NewID, fixture.Now)
}

// byEmployeeNo finds the person of company A an import made.
func byEmployeeNo(t *testing.T, st *serverstore.Store, no string) app.Invitation {
	t.Helper()
	invs, err := st.Invitations(context.Background(), fixture.CompanyID("A"))
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs {
		if inv.Role == "" {
			t.Fatalf("%s is listed without a role", inv.ParticipantID)
		}
		if inv.EmployeeNo == no {
			return inv
		}
	}
	t.Fatalf("no person with employee number %s", no)
	return app.Invitation{}
}

func TestImportRosterAllOrNothing(t *testing.T) {
	st := open(t, fixture.Dataset())
	before := fixture.Snapshot(t, st)
	bad := func(edit func([]app.RosterEntry) []app.RosterEntry) []app.RosterEntry { return edit(roster()) }
	cases := []struct {
		name    string
		entries []app.RosterEntry
		company string
		code    app.Code
	}{
		{"an unknown cohort in the last entry", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[2].Cohorts = []string{"c0000000-0000-4000-8000-00000000dead"}
			return es
		}), "", app.CodeNotFound},
		{"a repeated employee number", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[2].EmployeeNo = "A-001"
			return es
		}), "", app.CodeDuplicateEmployeeNo},
		{"a secretariat role", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[1].Role = app.RoleSecretariat
			return es
		}), "", app.CodeBadArgs},
		{"an age band out of the programme", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[1].AgeBand = "40-44"
			return es
		}), "", app.CodeBadArgs},
		{"a reading not in kana", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[0].Kana = "Aoki"
			return es
		}), "", app.CodeBadArgs},
		{"an overlong name", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[0].Name = strings.Repeat("長", 61)
			return es
		}), "", app.CodeTooLong},
		{"an empty employee number", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[0].EmployeeNo = ""
			return es
		}), "", app.CodeBadArgs},
		{"a control character", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[0].JobRole = "部長\x07"
			return es
		}), "", app.CodeBadArgs},
		{"eleven themes", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[1].Themes = strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")
			return es
		}), "", app.CodeBadArgs},
		{"an overlong theme", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[1].Themes = []string{strings.Repeat("学", app.MaxThemeRunes+1)}
			return es
		}), "", app.CodeTooLong},
		{"a theme twice", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[1].Themes = []string{"学び直し", "起業", "学び直し"}
			return es
		}), "", app.CodeBadArgs},
		{"an address that is not one", bad(func(es []app.RosterEntry) []app.RosterEntry {
			es[2].Email = "山田 <taro@example.co.jp>"
			return es
		}), "", app.CodeBadArgs},
		{"no entries", nil, "", app.CodeBadArgs},
		{"too many entries", make([]app.RosterEntry, serverstore.MaxRosterEntries+1), "", app.CodeTooLarge},
		{"an unknown company", roster(), "no-such-company", app.CodeNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			company := fixture.CompanyID("A")
			if c.company != "" {
				company = c.company
			}
			_, err := st.ImportRoster(context.Background(), company, c.entries, fixture.NewID, fixture.Now)
			if app.CodeOf(err) != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
			if fixture.Snapshot(t, st) != before {
				t.Fatal("a refused import wrote something")
			}
		})
	}
}

func TestImportRosterMatchesByEmployeeNo(t *testing.T) {
	st := open(t, fixture.Dataset())
	ctx := context.Background()
	res, err := importRoster(t, st, roster())
	if err != nil || res != (app.ImportResult{Added: 3}) {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	first := byEmployeeNo(t, st, "A-002")
	p := participantOf(t, st, first.ParticipantID)
	if p.Visible || p.Role != app.RoleParticipant || p.CompanyID != fixture.CompanyID("A") || len(p.Themes) != 0 ||
		strings.Join(p.Cohorts, ",") != strings.Join(sorted(fixture.CoOpen, fixture.CoDraft), ",") {
		t.Fatalf("imported person %+v", p)
	}
	if hr := participantOf(t, st, byEmployeeNo(t, st, "A-003").ParticipantID); hr.Role != app.RoleHR {
		t.Fatalf("the hr entry made %+v", hr)
	}
	// The directory finds them by their reading, in either kana.
	if !searchFinds(t, st, "イシイ", first.ParticipantID) {
		t.Fatal("the search text of an imported person is missing")
	}

	// The same file again changes nothing: no version, so nothing syncs.
	before := fixture.Snapshot(t, st)
	res, err = importRoster(t, st, roster())
	if err != nil || res != (app.ImportResult{Unchanged: 3}) {
		t.Fatalf("re-import: %+v, %v", res, err)
	}
	if fixture.Snapshot(t, st) != before {
		t.Fatal("re-importing the same file wrote something")
	}

	// An edited file: a new name for leaves the draft cohort,
	// A-003 unchanged.
	edited := roster()
	edited[0].Name, edited[0].Kana = "青木 一朗", "アオキ イチロウ"
	edited[1].Cohorts = []string{fixture.CoOpen}
	res, err = importRoster(t, st, edited)
	if err != nil || res != (app.ImportResult{Updated: 2, Unchanged: 1}) {
		t.Fatalf("edited import: %+v, %v", res, err)
	}
	if again := byEmployeeNo(t, st, "A-002"); again.ParticipantID != first.ParticipantID {
		t.Fatalf("A-002 became a new person: %s, was %s", again.ParticipantID, first.ParticipantID)
	}
	if p := participantOf(t, st, byEmployeeNo(t, st, "A-001").ParticipantID); p.Name != "青木 一朗" {
		t.Fatalf("A-001 not updated: %+v", p)
	}
	if p := participantOf(t, st, first.ParticipantID); strings.Join(p.Cohorts, ",") != fixture.CoOpen {
		t.Fatalf("A-002's cohorts %v, want the open one alone", p.Cohorts)
	}
	dump, err := st.DumpTables(ctx, "tombstones")
	if err != nil || !strings.Contains(dump, "cohort_members|"+fixture.CoDraft+"/"+first.ParticipantID) {
		t.Fatalf("no tombstone for the removed membership: %s %v", dump, err)
	}
}

// An import may not touch a secretariat account, even one with an
// employee number of the company.
func TestImportRosterLeavesSecretariatAlone(t *testing.T) {
	st := open(t, fixture.Dataset())
	if _, err := importRoster(t, st, roster()); err != nil {
		t.Fatal(err)
	}
	sec := byEmployeeNo(t, st, "A-001")
	if err := st.SetRoleForTest(context.Background(), sec.ParticipantID, string(app.RoleSecretariat)); err != nil {
		t.Fatal(err)
	}
	before := fixture.Snapshot(t, st)
	edited := roster()
	edited[0].Name = "乗っ取り"
	if _, err := importRoster(t, st, edited); app.CodeOf(err) != app.CodeNotAllowed || fixture.Snapshot(t, st) != before {
		t.Fatalf("an entry matching the secretariat: %v", err)
	}
}

func TestCloseCohortExpiresPendingOffers(t *testing.T) {
	st := open(t, fixture.Dataset())
	id := fixture.Send(t, st, "a1", "b1")
	n, err := st.SetCohortState(context.Background(), fixture.CoOpen, app.CohortClosed, fixture.Now.Add(time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("close: %d expired, %v", n, err)
	}
	if o := fixture.OfferOf(t, st, id); o.State != app.OfferExpired {
		t.Fatalf("offer after closing: %s", o.State)
	}
	if _, err := st.SetCohortState(context.Background(), fixture.CoOpen, app.CohortDraft, fixture.Now); app.CodeOf(err) != app.CodeBadArgs {
		t.Fatalf("back to draft: %v", err)
	}
}

func participantOf(t *testing.T, st *serverstore.Store, id string) app.Participant {
	t.Helper()
	p, err := fixture.ParticipantOf(st, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sorted(ids ...string) []string {
	out := append([]string(nil), ids...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// searchFinds reports whether the folded search text of a person holds
// the folded query.
func searchFinds(t *testing.T, st *serverstore.Store, q, id string) bool {
	t.Helper()
	dump, err := st.DumpTables(context.Background(), "participant_search")
	if err != nil {
		t.Fatal(err)
	}
	// The text holds newlines between its fields: read a little on.
	i := strings.Index(dump, id+"|")
	if i < 0 {
		return false
	}
	rest := dump[i+len(id)+1:]
	return strings.Contains(rest[:min(len(rest), 200)], jtext.Fold(q))
}

// TestImportFindsDemoPeople imports, for the demo's first company, the
// demo's own people by their employee numbers: HR's list of people
// already there changes nobody's record and adds nobody.
func TestImportFindsDemoPeople(t *testing.T) {
	ds := demo.Demo(fixture.Now)
	st := open(t, ds)
	company := ds.Participants[0].CompanyID
	var entries []app.RosterEntry
	for _, p := range ds.Participants {
		if p.CompanyID != company || p.Role == app.RoleSecretariat {
			continue
		}
		entries = append(entries, app.RosterEntry{EmployeeNo: ds.EmployeeNos[p.ID], Name: p.Name, Kana: p.Kana,
			AgeBand: p.AgeBand, JobRole: p.JobRole, Cohorts: p.Cohorts, Role: p.Role})
	}
	if len(entries) < 5 || entries[0].EmployeeNo != "A01001" {
		t.Fatalf("entries %+v", entries)
	}
	before := fixture.Snapshot(t, st)
	res, err := st.ImportRoster(context.Background(), company, entries, fixture.NewID, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	if res != (app.ImportResult{Unchanged: len(entries)}) {
		t.Errorf("import of the demo's own people: %+v, want all %d unchanged", res, len(entries))
	}
	if after := fixture.Snapshot(t, st); after != before {
		t.Error("an import of people as they are changed the file")
	}
}
