package admin

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

func newProgrammesFixture(t *testing.T) (*fakeAdmin, *ProgrammesView, fyne.Window) {
	t.Helper()
	f := newFakeAdmin(app.RoleSecretariat)
	var v *ProgrammesView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewProgrammesView(f, w)
		return v.Content()
	})
	v.Refresh()
	settle()
	return f, v, w
}

func TestCompaniesCreateAndEdit(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	v.tabs.SelectIndex(1)
	uitest.WantTexts(t, "the companies", w.Content(), "株式会社さくら商事", "業種: 商社", "あおぞら電機株式会社", "業種: 製造")

	tapButton(t, w.Content(), "会社を加える")
	form := v.companyForm
	tapButton(t, topOverlay(t, w), "保存する")
	if form.errLine.Text != "会社名を入れてください。" || len(f.saved) != 0 {
		t.Fatalf("error %q, saved %v", form.errLine.Text, f.saved)
	}
	test.Type(form.name, "みなと銀行株式会社")
	test.Type(form.industry, "金融")
	tapButton(t, topOverlay(t, w), "保存する")
	if want := []any{app.Company{Name: "みなと銀行株式会社", Industry: "金融"}}; !reflect.DeepEqual(f.saved, want) {
		t.Fatalf("saved %+v", f.saved)
	}
	if len(v.companies) != 3 || v.status.Text() != "「みなと銀行株式会社」を保存しました。" {
		t.Errorf("%d companies, status %q", len(v.companies), v.status.Text())
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the form is still open")
	}
}

func TestCohortCreateValidates(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	uitest.WantTexts(t, "the programmes", w.Content(), "2026年度 第1期（受付中）", "2026年10月1日(木)〜2027年3月31日(水)",
		"オファーの返事の期限: 7日・クロストークの長さ: 60分", "同時に出せるオファー: 3件まで・同時に受けられるオファー: 5件まで", "2027年度 第1期（準備中）")

	tapButton(t, w.Content(), "プログラムを作る")
	form := v.cohortForm
	test.Type(form.name, "2027年度 第2期")
	tapButton(t, topOverlay(t, w), "保存する")
	if form.errLine.Text != "始まりの日と終わりの日を選んでください。" {
		t.Errorf("error %q", form.errLine.Text)
	}
	form.start.set(day(2027, 10, 1))
	form.end.set(day(2027, 9, 30))
	tapButton(t, topOverlay(t, w), "保存する")
	if form.errLine.Text != "終わりの日が始まりの日より前です。日付を選び直してください。" || len(f.saved) != 0 {
		t.Fatalf("error %q, saved %v", form.errLine.Text, f.saved)
	}
	if form.start.btn.Text != "2027年10月1日(金)" {
		t.Errorf("the day is written %q", form.start.btn.Text)
	}
	form.end.set(day(2028, 3, 31))
	form.expiry.SetSelected("14日")
	form.len.SetSelected("90分")
	tapButton(t, topOverlay(t, w), "保存する")
	want := app.Cohort{Name: "2027年度 第2期", StartsOn: day(2027, 10, 1), EndsOn: day(2028, 3, 31),
		Rules: app.Rules{OfferExpiryDays: 14, MaxPendingSent: 3, MaxPendingReceived: 5, TalkMinutes: 90}}
	if len(f.saved) != 1 || !reflect.DeepEqual(f.saved[0], want) {
		t.Fatalf("saved %+v, want %+v", f.saved, want)
	}
	uitest.WantTexts(t, "the programmes", w.Content(), "「2027年度 第2期」を保存しました。")

	// The rules' bounds hold even when a form is bypassed.
	bad := want
	bad.Rules.MaxPendingSent = 50
	if validateCohort(bad) != "ルールは、それぞれの一覧から選んでください。" {
		t.Errorf("a rule out of bounds passes: %q", validateCohort(bad))
	}
}

func TestCohortCloseConfirms(t *testing.T) {
	f, _, w := newProgrammesFixture(t)
	tapButton(t, w.Content(), "受付を終える")
	o := topOverlay(t, w)
	var texts []string
	for _, s := range paragraphTexts(o) {
		texts = append(texts, s)
	}
	if !slices.ContainsFunc(texts, func(s string) bool {
		return strings.Contains(s, "返事を待っているオファーは、すべて期限切れになります。")
	}) {
		t.Errorf("the confirmation says %q", texts)
	}
	if len(f.states) != 0 {
		t.Fatal("closed before the confirmation")
	}
	tapButton(t, o, "受付を終える")
	if f.states["k-2026a"] != app.CohortClosed {
		t.Errorf("states %v", f.states)
	}
	uitest.WantTexts(t, "the programmes", w.Content(), "「2026年度 第1期」を「終了」にしました。", "2026年度 第1期（終了）")
}

func TestCohortMembers(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	// p-1 and p-2 are in the programme (their activity is listed). The
	// latest programme is listed first. HR staff are no members to choose.
	f.invitations = append(f.invitations, app.Invitation{ParticipantID: "h-1", EmployeeNo: "H0001", Name: "人事 花子",
		Kana: "じんじ はなこ", CompanyID: "c-sakura", Role: app.RoleHR})
	tapButton(t, w.Content(), "メンバー")
	form := v.membersForm
	form.company.sel.SetSelected("株式会社さくら商事")
	settle()
	if len(form.people) != 3 || !form.chosen["p-1"] || !form.chosen["p-2"] || form.chosen["p-3"] {
		t.Fatalf("people %d, chosen %v", len(form.people), form.chosen)
	}
	form.chosen["p-3"] = true
	form.chosen["p-2"] = false
	tapButton(t, topOverlay(t, w), "保存する")
	if got := f.members[form.cohort.ID]; form.cohort.ID == "" || !reflect.DeepEqual(got, []string{"p-3"}) {
		t.Errorf("members %v", got)
	}
	if v.status.Text() != "メンバーを保存しました。加えた人 1人、外した人 1人です。" {
		t.Errorf("status %q", v.status.Text())
	}
}

// TestCohortMembersWholeCompany adds, then removes, every person of a
// company with one tap each.
func TestCohortMembersWholeCompany(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	tapButton(t, w.Content(), "メンバー")
	form := v.membersForm
	form.company.sel.SetSelected("株式会社さくら商事")
	settle()
	tapButton(t, topOverlay(t, w), "この会社の全員を選ぶ")
	tapButton(t, topOverlay(t, w), "保存する")
	if got := f.members[form.cohort.ID]; !reflect.DeepEqual(got, []string{"p-3"}) {
		t.Errorf("added %v, want the one who was not a member", got)
	}

	tapButton(t, w.Content(), "メンバー")
	form = v.membersForm
	form.company.sel.SetSelected("株式会社さくら商事")
	settle()
	tapButton(t, topOverlay(t, w), "この会社の人をだれも選ばない")
	if add, remove := form.changes(); len(add) != 0 || len(remove) != 2 {
		t.Errorf("after choosing nobody: add %v, remove %v", add, remove)
	}
}
