package serverstore_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// entry is a roster entry of company A with a fixed name.
func entry(no string) app.RosterEntry {
	return app.RosterEntry{EmployeeNo: no, Name: "社員 " + no, Kana: "しゃいん", AgeBand: "50s", Cohorts: []string{fixture.CoOpen}}
}

// numbers lists company A's employee numbers, sorted.
func numbers(t *testing.T, st *serverstore.Store) []string {
	t.Helper()
	invs, err := st.Invitations(context.Background(), fixture.CompanyID("A"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, inv := range invs {
		if inv.EmployeeNo != "" {
			out = append(out, inv.EmployeeNo)
		}
	}
	slices.Sort(out)
	return out
}

// A spreadsheet that turned 00123 into 123 finds the person of 00123 when
// the company's numbers are zero-padded to one width: no second person,
// the stored number kept, a new number padded as the others are.
func TestImportRosterLeadingZeros(t *testing.T) {
	st := open(t, fixture.Dataset())
	first := []app.RosterEntry{entry("00123"), entry("00456"), entry("04567")}
	if res, err := importRoster(t, st, first); err != nil || res != (app.ImportResult{Added: 3}) {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	before := fixture.Snapshot(t, st)
	lost := []app.RosterEntry{entry("123"), entry("456"), entry("4567")}
	for i := range lost {
		lost[i].Name = first[i].Name
	}
	res, err := importRoster(t, st, lost)
	if err != nil || res != (app.ImportResult{Unchanged: 3}) {
		t.Fatalf("the same people without their zeros: %+v, %v", res, err)
	}
	if fixture.Snapshot(t, st) != before {
		t.Fatal("the same people without their zeros wrote something")
	}
	// A new number is padded to the company's width.
	if res, err := importRoster(t, st, append(lost, entry("124"))); err != nil || res != (app.ImportResult{Added: 1, Unchanged: 3}) {
		t.Fatalf("a new number: %+v, %v", res, err)
	}
	if got := numbers(t, st); !slices.Equal(got, []string{"00123", "00124", "00456", "04567"}) {
		t.Errorf("numbers %v", got)
	}
	// Two entries that find one person are refused, and nothing changes.
	before = fixture.Snapshot(t, st)
	_, err = importRoster(t, st, []app.RosterEntry{entry("00123"), entry("123")})
	if app.CodeOf(err) != app.CodeDuplicateEmployeeNo {
		t.Fatalf("00123 and 123 in one file: %v", err)
	}
	_, err = importRoster(t, st, []app.RosterEntry{entry("777"), entry("0777")})
	if app.CodeOf(err) != app.CodeDuplicateEmployeeNo {
		t.Fatalf("777 and 0777 as new people: %v", err)
	}
	if fixture.Snapshot(t, st) != before {
		t.Fatal("a refused import wrote something")
	}
}

// Numbers that are not zero-padded to one width are matched as written.
func TestImportRosterNumbersAsWritten(t *testing.T) {
	for _, c := range []struct {
		name   string
		stored []string
		again  string
	}{
		{"no leading zero", []string{"123456", "234567"}, "0123456"},
		{"widths differ", []string{"00123", "4567"}, "123"},
		{"letters", []string{"A0123", "A0456"}, "A123"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := open(t, fixture.Dataset())
			var es []app.RosterEntry
			for _, no := range c.stored {
				es = append(es, entry(no))
			}
			if _, err := importRoster(t, st, es); err != nil {
				t.Fatal(err)
			}
			res, err := importRoster(t, st, []app.RosterEntry{entry(c.again)})
			if err != nil || res != (app.ImportResult{Added: 1}) {
				t.Fatalf("%s again: %+v, %v", c.again, res, err)
			}
			if got := numbers(t, st); !slices.Contains(got, c.again) {
				t.Errorf("numbers %v lack %s as written", got, c.again)
			}
		})
	}
}

// emailOf reads the address the server keeps for a person.
func emailOf(t *testing.T, st *serverstore.Store, id string) string {
	t.Helper()
	var e string
	if err := st.DB().QueryRow(`SELECT email FROM participants WHERE id = ?`, id).Scan(&e); err != nil {
		t.Fatal(err)
	}
	return e
}

// execSQL runs a write statement on the store, as no endpoint would.
func execSQL(t *testing.T, st *serverstore.Store, query string, args ...any) {
	t.Helper()
	err := st.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().ExecContext(context.Background(), query, args...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func versionOf(t *testing.T, st *serverstore.Store, id string) int64 {
	t.Helper()
	var v int64
	if err := st.DB().QueryRow(`SELECT version FROM participants WHERE id = ?`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Themes from HR's list are a person's first themes: written while the
// person has none, never over the person's own. An address is kept, and
// a new one alone takes no version (it syncs nowhere).
func TestImportRosterThemesAndEmail(t *testing.T) {
	st := open(t, fixture.Dataset())
	es := roster()
	es[0].Themes, es[0].Email = []string{"セカンドキャリア", "学び直し"}, "aoki@example.co.jp"
	if _, err := importRoster(t, st, es); err != nil {
		t.Fatal(err)
	}
	aoki := byEmployeeNo(t, st, "A-001").ParticipantID
	ishii := byEmployeeNo(t, st, "A-002").ParticipantID
	if p := participantOf(t, st, aoki); !slices.Equal(p.Themes, []string{"セカンドキャリア", "学び直し"}) {
		t.Fatalf("themes %v", p.Themes)
	}
	if e := emailOf(t, st, aoki); e != "aoki@example.co.jp" {
		t.Fatalf("address %q", e)
	}
	if !searchFinds(t, st, "学び直し", aoki) {
		t.Error("the imported themes are not searched")
	}
	// The same file again writes nothing.
	before := fixture.Snapshot(t, st)
	if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Unchanged: 3}) {
		t.Fatalf("re-import: %+v, %v", res, err)
	}
	if fixture.Snapshot(t, st) != before {
		t.Fatal("re-importing the same file wrote something")
	}

	// The person's own themes stay; a person without themes gets the
	// file's; a new address is written with a new version, for the
	// person's own user bucket to carry it, and an empty one leaves the
	// stored address.
	execSQL(t, st, `UPDATE participants SET themes = '["起業"]' WHERE id = ?`, aoki) // as the person's own edit would
	v := versionOf(t, st, aoki)
	es[0].Themes, es[0].Email = []string{"健康"}, "aoki.ichiro@example.co.jp"
	es[1].Themes = []string{"介護との両立"}
	res, err := importRoster(t, st, es)
	if err != nil || res != (app.ImportResult{Updated: 2, Unchanged: 1}) {
		t.Fatalf("edited import: %+v, %v", res, err)
	}
	if p := participantOf(t, st, aoki); !slices.Equal(p.Themes, []string{"起業"}) {
		t.Errorf("the person's own themes became %v", p.Themes)
	}
	if e := emailOf(t, st, aoki); e != "aoki.ichiro@example.co.jp" || versionOf(t, st, aoki) <= v {
		t.Errorf("address %q, version %d (was %d)", e, versionOf(t, st, aoki), v)
	}
	if p := participantOf(t, st, ishii); !slices.Equal(p.Themes, []string{"介護との両立"}) {
		t.Errorf("themes of a person without any: %v", p.Themes)
	}
	es[0].Email = ""
	if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Unchanged: 3}) || emailOf(t, st, aoki) != "aoki.ichiro@example.co.jp" {
		t.Errorf("an empty address: %+v, %v, address %q", res, err, emailOf(t, st, aoki))
	}
}

// An imported address is in no pulled row but the person's own, in their
// own user bucket: not in the buckets of another participant who talks
// with the person and shares their cohort, nor in their company's.
func TestEmailNeverPulled(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	fixture.Joined(t, st, fixture.PID("a1")) // a1 is listed: the cohort bucket sends their row
	fixture.Send(t, st, "b1", "a1")          // b1 will pull a1's profile with the offer
	execSQL(t, st, `UPDATE participants SET employee_no = 'A-100' WHERE id = ?`, fixture.PID("a1"))
	const addr = "yamada.taro@example.co.jp"
	const addr2 = "aoki.ichiro@example.co.jp"
	n := fixture.Names["a1"]
	es := append(roster(), app.RosterEntry{EmployeeNo: "A-100", Name: n[0], Kana: n[1], AgeBand: "55-59", JobRole: "営業部長",
		Cohorts: []string{fixture.CoOpen}, Email: addr})
	es[0].Email = addr2
	if res, err := importRoster(t, st, es); err != nil || res.Updated != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if emailOf(t, st, fixture.PID("a1")) != addr {
		t.Fatal("the address was not kept")
	}
	buckets := []string{"user:" + fixture.PID("b1"), "cohort:" + fixture.CoOpen, "user:" + fixture.PID("a1"), "company:" + fixture.CompanyID("A")}
	res, err := st.Pull(ctx, "", buckets, nil, 10000)
	if err != nil {
		t.Fatal(err)
	}
	sawA1 := 0
	for _, pg := range res.Pages {
		b, err := json.Marshal(pg)
		if err != nil {
			t.Fatal(err)
		}
		own := pg.Bucket == "user:"+fixture.PID("a1")
		if strings.Contains(string(b), addr2) || strings.Contains(string(b), addr) != own {
			t.Errorf("bucket %s carries an address: %v, want %v", pg.Bucket, !own, own)
		}
		if strings.Contains(string(b), fixture.PID("a1")) {
			sawA1++
		}
	}
	if sawA1 != len(buckets) {
		t.Errorf("a1's row is in %d of the %d buckets: the test proves nothing", sawA1, len(buckets))
	}
}
