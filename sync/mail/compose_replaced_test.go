package mail

import (
	"context"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
)

// When HR's import gives a person who has joined another address, the old
// one is told, in the person's language, in text and HTML, whatever their
// mail choices; it is not told the new address. An old address that
// failed is told nothing.
func TestReplacedAddressNotice(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	names := []string{"a1", "b2", "c2", "d1"} // Japanese; English; no mail; a failing address
	var entries []app.RosterEntry
	err := w.st.Write(ctx, func(tx *data.Tx) error {
		for _, p := range people {
			if _, err := tx.SQL().ExecContext(ctx, `UPDATE participants SET employee_no = ? WHERE id = ?`, "E-"+p.name, pid(p.name)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		for _, n := range names {
			if p.name == n {
				entries = append(entries, app.RosterEntry{EmployeeNo: "E-" + n, Name: p.fullName, Kana: "テスト",
					AgeBand: "55-59", JobRole: "部長", Cohorts: []string{cohortID}, Email: n + ".list@example.co.jp"})
			}
		}
	}
	for _, c := range []string{"A", "B", "C", "D"} {
		var es []app.RosterEntry
		for _, e := range entries {
			for _, p := range people {
				if "E-"+p.name == e.EmployeeNo && p.company == c {
					es = append(es, e)
				}
			}
		}
		res, err := w.st.ImportRoster(ctx, tid("company", c), es, func() string { return "" }, now)
		if err != nil || res.Updated != len(es) {
			t.Fatalf("import for %s: %+v %v", c, res, err)
		}
	}
	ms := w.deliver()
	byTo := map[string]string{}
	for _, m := range ms {
		byTo[strings.Join(m.Rcpt, ",")] = m.Subject
		has(t, "the notice", m.Header.Get("Content-Type"), "multipart/alternative")
		for _, n := range names {
			lacks(t, "the notice", m.Text+m.HTML, n+".list@example.co.jp")
		}
		switch m.Rcpt[0] {
		case "a1@example.jp", "c2@example.jp":
			has(t, "the notice", m.Subject, "メールの宛先が変更されました")
			has(t, "the notice", m.Text, "様", "会社の名簿", "「設定」→「メール」", publicURL)
			has(t, "the notice's HTML", m.HTML, "会社の名簿", "「設定」→「メール」")
		case "b2@example.jp":
			has(t, "the notice", m.Text, "Dear Alex Brown,", "Your company's list", "Settings → Mail")
			has(t, "the notice's HTML", m.HTML, "Your company&#39;s list")
		}
	}
	if len(ms) != 3 || byTo["a1@example.jp"] == "" || byTo["b2@example.jp"] == "" || byTo["c2@example.jp"] == "" {
		t.Fatalf("notices to %v, want a1's, b2's and c2's old addresses", byTo)
	}
	var kinds []string
	rows, err := w.st.DB().Query(`SELECT DISTINCT kind FROM mail_outbox`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, k)
	}
	rows.Close()
	if len(kinds) != 1 || kinds[0] != serverstore.KindEmailReplaced {
		t.Fatalf("kinds %v", kinds)
	}
}
