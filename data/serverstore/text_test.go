package serverstore_test

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// The administration's names refuse a bidirectional override with
// app.CodeInvisibleChar and write nothing: an import's names, readings,
// job roles and themes, a company's name and industry, a cohort's name,
// and the secretariat's account.
func TestAdminNamesRefuseInvisibleCharacters(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	before := fixture.Snapshot(t, st)
	const rlo = "\u202E"
	check := func(what string, err error) {
		t.Helper()
		if app.CodeOf(err) != app.CodeInvisibleChar {
			t.Errorf("%s: %v, want %s", what, err, app.CodeInvisibleChar)
		}
		if fixture.Snapshot(t, st) != before {
			t.Fatalf("%s: a refused change wrote something", what)
		}
	}
	for field, edit := range map[string]func(*app.RosterEntry){
		"name":     func(e *app.RosterEntry) { e.Name = "青木" + rlo + "一郎" },
		"reading":  func(e *app.RosterEntry) { e.Kana = "アオキ\u2066イチロウ" },
		"job role": func(e *app.RosterEntry) { e.JobRole = "営業\u200F部長" },
		"theme":    func(e *app.RosterEntry) { e.Themes = []string{"起業" + rlo} },
	} {
		es := roster()
		edit(&es[1])
		_, err := importRoster(t, st, es)
		check("import: "+field, err)
	}
	check("company name", st.SaveCompany(ctx, app.Company{ID: fixture.NewID(), Name: "株式会社" + rlo + "X", Industry: "製造"}, true))
	check("industry", st.SaveCompany(ctx, app.Company{ID: fixture.CompanyID("A"), Name: "株式会社A", Industry: "製造\u202A"}, false))
	c := fixture.Dataset().Cohorts[0]
	c.ID, c.Name = fixture.NewID(), "2027年度"+rlo+"第1期"
	_, err := st.SaveCohort(ctx, c, true)
	check("cohort name", err)
	_, _, err = st.CreateSecretariat(ctx, "事務局", "事務局"+rlo+"太郎", "じむきょく たろう", fixture.NewID)
	check("secretariat name", err)
}
