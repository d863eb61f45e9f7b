package admin

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// programmeDashboard is a dashboard whose programme results are all
// shown, beside the first pilot's figures, with free answers some of
// which start with a formula character.
func programmeDashboard() app.Dashboard {
	d := newFakeAdmin(app.RoleSecretariat).dashboard
	d.Programme = app.ProgrammeResults{
		Survey: app.ProgrammeSurveyFigures{
			Shown: true, Answers: 10,
			Means:           app.ProgrammeFigures{Satisfaction: 5.9, NextRound: 5.4, Recommend: 7.83},
			SatisfactionBar: [7]int{0, 0, 1, 1, 2, 3, 3},
			NextRoundBar:    [7]int{0, 1, 1, 2, 2, 3, 1},
			RecommendBar:    [11]int{0, 0, 0, 1, 0, 1, 1, 2, 2, 2, 1},
		},
		Reference: app.PilotFigures, ReferenceIsPilot: true,
		Change:    app.AssessmentChange{Shown: true, Counted: 5, NoBefore: 5, Before: 2.8, After: 3.45, Improved: 4, ImprovedShare: 0.8},
		Insights:  []string{"=1+1 のように、考えを式にできた", "他社の方と話して、視野が広がりました。"},
		NextSteps: []string{"+αの挑戦をする", "-社内で勉強会を開く", "@上司に相談する", "社外の勉強会に出る"},
	}
	return d
}

// tooFewDashboard is one whose programme results are not shown yet,
// beside a reference the secretariat set, but for the people without a
// first answer, whom the server batches on their own.
func tooFewDashboard() app.Dashboard {
	d := newFakeAdmin(app.RoleSecretariat).dashboard
	d.Programme = app.ProgrammeResults{Reference: app.ProgrammeFigures{Satisfaction: 6.5, NextRound: 6, Recommend: 8.25},
		Change: app.AssessmentChange{NoBefore: 5}}
	return d
}

const (
	progCohort  = "2026年度 第1期"
	progCompany = "すべての会社"
	progAt      = "2026年11月25日(水) 10:00"
	progTooFew  = "回答が5人未満のため表示しません。"
	// progChangeTooFew is the change's: fewer than 5 people with both answers.
	progChangeTooFew = "はじめとおわりの両方に回答した方が5人未満のため、変化は表示しません。"
)

// The figures and distributions of programmeDashboard as the CSV writes
// them, and the free answers, each table followed by its blank line.
var progFiguresCSV = strings.Join([]string{
	"項目,値,第1回パイロット",
	"プログラム,2026年度 第1期",
	"会社,すべての会社",
	"集計日時,2026年11月25日(水) 10:00",
	"ふりかえりの回答数,10",
	"全体の満足度（平均、1〜7）,5.90,6.30",
	"次の回への参加意向（平均、1〜7）,5.40,6.20",
	"ほかの方へのおすすめ度（平均、0〜10）,7.83,8.30",
	"自己評価の変化：対象の人数（はじめとおわりの両方に回答した方）,5",
	"自己評価の変化：はじめの回答がないため含まない方の人数,5",
	"自己評価：はじめの平均（1〜5）,2.80",
	"自己評価：おわりの平均（1〜5）,3.45",
	"自己評価が上がった方の人数,4",
	"自己評価が上がった方の割合（%）,80.0",
	"",
	"質問,点数,回答数",
	"全体の満足度（1〜7）,1,0", "全体の満足度（1〜7）,2,0", "全体の満足度（1〜7）,3,1", "全体の満足度（1〜7）,4,1",
	"全体の満足度（1〜7）,5,2", "全体の満足度（1〜7）,6,3", "全体の満足度（1〜7）,7,3",
	"次の回への参加意向（1〜7）,1,0", "次の回への参加意向（1〜7）,2,1", "次の回への参加意向（1〜7）,3,1", "次の回への参加意向（1〜7）,4,2",
	"次の回への参加意向（1〜7）,5,2", "次の回への参加意向（1〜7）,6,3", "次の回への参加意向（1〜7）,7,1",
	"ほかの方へのおすすめ度（0〜10）,0,0", "ほかの方へのおすすめ度（0〜10）,1,0", "ほかの方へのおすすめ度（0〜10）,2,0", "ほかの方へのおすすめ度（0〜10）,3,1",
	"ほかの方へのおすすめ度（0〜10）,4,0", "ほかの方へのおすすめ度（0〜10）,5,1", "ほかの方へのおすすめ度（0〜10）,6,1", "ほかの方へのおすすめ度（0〜10）,7,2",
	"ほかの方へのおすすめ度（0〜10）,8,2", "ほかの方へのおすすめ度（0〜10）,9,2", "ほかの方へのおすすめ度（0〜10）,10,1",
}, "\r\n") + "\r\n"

var progFreeCSV = strings.Join([]string{
	"",
	"質問,回答（お名前なし）",
	"いちばんの気づき,'=1+1 のように、考えを式にできた",
	"いちばんの気づき,他社の方と話して、視野が広がりました。",
	"これから試してみたいこと,'+αの挑戦をする",
	"これから試してみたいこと,'-社内で勉強会を開く",
	"これから試してみたいこと,'@上司に相談する",
	"これから試してみたいこと,社外の勉強会に出る",
}, "\r\n") + "\r\n"

// TestProgrammeCSV checks the bytes of the programme results' CSV: the
// secretariat's has the free answers (a formula character neutralised),
// HR's has no such table at all.
func TestProgrammeCSV(t *testing.T) {
	testapp.Japanese(t)
	d := programmeDashboard()
	for _, c := range []struct {
		name        string
		secretariat bool
		want        string
	}{
		{"secretariat", true, bom + progFiguresCSV + progFreeCSV},
		{"HR", false, bom + progFiguresCSV},
	} {
		var b bytes.Buffer
		if err := WriteProgrammeCSV(&b, d, progCohort, progCompany, testNow, c.secretariat); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != c.want {
			t.Errorf("%s's CSV:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestProgrammeCSVTooFew: a part not shown is the too-few text, never a
// zero; the reference the secretariat set is named 参照値.
func TestProgrammeCSVTooFew(t *testing.T) {
	testapp.Japanese(t)
	var b bytes.Buffer
	if err := WriteProgrammeCSV(&b, tooFewDashboard(), progCohort, progCompany, testNow, true); err != nil {
		t.Fatal(err)
	}
	want := bom + strings.Join([]string{
		"項目,値,参照値",
		"プログラム,2026年度 第1期",
		"会社,すべての会社",
		"集計日時,2026年11月25日(水) 10:00",
		"ふりかえりの回答数," + progTooFew,
		"全体の満足度（平均、1〜7）," + progTooFew + ",6.50",
		"次の回への参加意向（平均、1〜7）," + progTooFew + ",6.00",
		"ほかの方へのおすすめ度（平均、0〜10）," + progTooFew + ",8.25",
		"自己評価の変化：対象の人数（はじめとおわりの両方に回答した方）," + progChangeTooFew,
		"自己評価の変化：はじめの回答がないため含まない方の人数,5", // batched on its own
		"自己評価：はじめの平均（1〜5）," + progChangeTooFew,
		"自己評価：おわりの平均（1〜5）," + progChangeTooFew,
		"自己評価が上がった方の人数," + progChangeTooFew,
		"自己評価が上がった方の割合（%）," + progChangeTooFew,
		"",
		"質問,点数,回答数",
		"全体の満足度（1〜7）," + progTooFew,
		"次の回への参加意向（1〜7）," + progTooFew,
		"ほかの方へのおすすめ度（0〜10）," + progTooFew,
		"",
		"質問,回答（お名前なし）",
		progTooFew,
	}, "\r\n") + "\r\n"
	if got := b.String(); got != want {
		t.Errorf("CSV:\n%q\nwant\n%q", got, want)
	}

	// Fewer than 5 people without a first answer: that row says so in
	// its own words (they gave no answers to count).
	d := tooFewDashboard()
	d.Programme.Change.NoBefore = 0
	b.Reset()
	if err := WriteProgrammeCSV(&b, d, progCohort, progCompany, testNow, true); err != nil {
		t.Fatal(err)
	}
	if want := "\r\n自己評価の変化：はじめの回答がないため含まない方の人数,5人未満のため表示しません。\r\n"; !strings.Contains(b.String(), want) {
		t.Errorf("CSV without 5 people lacking a first answer:\n%q", b.String())
	}

	// Shown, but with no free answer: the secretariat's table says so.
	d = programmeDashboard()
	d.Programme.Insights, d.Programme.NextSteps = nil, nil
	b.Reset()
	if err := WriteProgrammeCSV(&b, d, progCohort, progCompany, testNow, true); err != nil {
		t.Fatal(err)
	}
	if want := "\r\n質問,回答（お名前なし）\r\n自由回答はまだありません。\r\n"; !strings.HasSuffix(b.String(), progFiguresCSV[:len(progFiguresCSV)-2]+"\r\n"+want) {
		t.Errorf("CSV without free answers ends\n%q", b.String())
	}
}

// progCell is a workbook's cell as a test expects it: its value as
// excelize reads it back, whether it is a number and, for a number, as
// its number format shows it ("" when as its value).
type progCell struct {
	v      string
	number bool
	shown  string
}

func n(v string) progCell          { return progCell{v, true, ""} }
func s(v string) progCell          { return progCell{v, false, ""} }
func dec(v, shown string) progCell { return progCell{v, true, shown} }

// progWorkbook is programmeDashboard's workbook, sheet by sheet, every
// cell.
func progWorkbook(secretariat bool) ([]string, map[string][][]progCell) {
	sheets := map[string][][]progCell{
		"ふりかえりの数値": {
			{s("項目"), s("値"), s("第1回パイロット")},
			{s("プログラム"), s(progCohort)},
			{s("会社"), s(progCompany)},
			{s("集計日時"), s(progAt)},
			{s("ふりかえりの回答数"), n("10")},
			{s("全体の満足度（平均、1〜7）"), dec("5.9", "5.90"), dec("6.3", "6.30")},
			{s("次の回への参加意向（平均、1〜7）"), dec("5.4", "5.40"), dec("6.2", "6.20")},
			{s("ほかの方へのおすすめ度（平均、0〜10）"), dec("7.83", "7.83"), dec("8.3", "8.30")},
			{s("自己評価の変化：対象の人数（はじめとおわりの両方に回答した方）"), n("5")},
			{s("自己評価の変化：はじめの回答がないため含まない方の人数"), n("5")},
			{s("自己評価：はじめの平均（1〜5）"), dec("2.8", "2.80")},
			{s("自己評価：おわりの平均（1〜5）"), dec("3.45", "3.45")},
			{s("自己評価が上がった方の人数"), n("4")},
			{s("自己評価が上がった方の割合（%）"), dec("80", "80.0")},
		},
		"点数の分布": {{s("質問"), s("点数"), s("回答数")}},
	}
	d := programmeDashboard().Programme.Survey
	for _, q := range []struct {
		name   string
		counts []int
		from   int
	}{
		{"全体の満足度（1〜7）", d.SatisfactionBar[:], 1},
		{"次の回への参加意向（1〜7）", d.NextRoundBar[:], 1},
		{"ほかの方へのおすすめ度（0〜10）", d.RecommendBar[:], 0},
	} {
		for i, c := range q.counts {
			sheets["点数の分布"] = append(sheets["点数の分布"], []progCell{s(q.name), n(strconv.Itoa(q.from + i)), n(strconv.Itoa(c))})
		}
	}
	names := []string{"ふりかえりの数値", "点数の分布"}
	if secretariat {
		names = append(names, "自由回答")
		sheets["自由回答"] = [][]progCell{
			{s("質問"), s("回答（お名前なし）")},
			{s("いちばんの気づき"), s("=1+1 のように、考えを式にできた")},
			{s("いちばんの気づき"), s("他社の方と話して、視野が広がりました。")},
			{s("これから試してみたいこと"), s("+αの挑戦をする")},
			{s("これから試してみたいこと"), s("-社内で勉強会を開く")},
			{s("これから試してみたいこと"), s("@上司に相談する")},
			{s("これから試してみたいこと"), s("社外の勉強会に出る")},
		}
	} else {
		delete(sheets, "自由回答")
	}
	return names, sheets
}

// checkWorkbook compares every cell of x with want: its value, a number
// as a number shown by its format as wanted (a decimal with its places,
// as the CSV writes it) and a text as a text (a shared string), never a
// formula.
func checkWorkbook(t *testing.T, what string, x *excelize.File, names []string, want map[string][][]progCell) {
	t.Helper()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, names) {
		t.Fatalf("%s: sheets %q, want %q", what, got, names)
	}
	for _, sheet := range names {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(want[sheet]) {
			t.Errorf("%s %s: %d rows, want %d:\n%q", what, sheet, len(rows), len(want[sheet]), rows)
		}
		for r, row := range want[sheet] {
			var got []string
			if r < len(rows) {
				got = rows[r]
			}
			if len(got) != len(row) {
				t.Errorf("%s %s row %d: %q, want %d cells", what, sheet, r+1, got, len(row))
				continue
			}
			for c, w := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := x.GetCellType(sheet, name)
				f, _ := x.GetCellFormula(sheet, name)
				isNumber := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset
				if got[c] != w.v || isNumber != w.number || f != "" ||
					(!w.number && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					t.Errorf("%s %s!%s: %q of type %v (formula %q), want %q (number: %v)", what, sheet, name, got[c], typ, f, w.v, w.number)
				}
				if want := cmp.Or(w.shown, w.v); w.number {
					if shown, _ := x.GetCellValue(sheet, name); shown != want {
						t.Errorf("%s %s!%s: %q shows as %q, want %q", what, sheet, name, got[c], shown, want)
					}
				}
			}
		}
	}
}

// TestProgrammeWorkbook reads the workbook back: three sheets for the
// secretariat, two for HR, every cell as written, numbers as numbers,
// a free answer that starts with = + - @ as text.
func TestProgrammeWorkbook(t *testing.T) {
	testapp.Japanese(t)
	for _, secretariat := range []bool{true, false} {
		var b bytes.Buffer
		if err := WriteProgrammeXLSX(&b, programmeDashboard(), progCohort, progCompany, testNow, secretariat); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		names, want := progWorkbook(secretariat)
		checkWorkbook(t, map[bool]string{true: "secretariat", false: "HR"}[secretariat], x, names, want)
		x.Close()
	}

	// Not shown yet: the too-few text where the figures would be.
	var b bytes.Buffer
	if err := WriteProgrammeXLSX(&b, tooFewDashboard(), progCohort, progCompany, testNow, false); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	figures, _ := x.GetRows("ふりかえりの数値")
	if !reflect.DeepEqual(figures[0], []string{"項目", "値", "参照値"}) || !reflect.DeepEqual(figures[5], []string{"全体の満足度（平均、1〜7）", progTooFew, "6.50"}) {
		t.Errorf("figures %q", figures)
	}
	dist, _ := x.GetRows("点数の分布")
	if len(dist) != 4 || !reflect.DeepEqual(dist[3], []string{"ほかの方へのおすすめ度（0〜10）", progTooFew}) {
		t.Errorf("distributions %q", dist)
	}
}

// The dashboard's two buttons save the results through the file dialog,
// named after the programme; HR's file has no free answers even when the
// dashboard it was given had some.
func TestDashboardSavesProgrammeResults(t *testing.T) {
	for _, c := range []struct {
		role    app.Role
		button  string
		file    string
		hasFree bool
	}{
		{app.RoleSecretariat, "ふりかえりの結果を CSV で保存", "2026年度第1期_ふりかえり.csv", true},
		{app.RoleHR, "ふりかえりの結果を CSV で保存", "2026年度第1期_ふりかえり.csv", false},
		{app.RoleSecretariat, "ふりかえりの結果を Excel で保存", "2026年度第1期_ふりかえり.xlsx", true},
		{app.RoleHR, "ふりかえりの結果を Excel で保存", "2026年度第1期_ふりかえり.xlsx", false},
	} {
		docs := documentsHome(t)
		f := newFakeAdmin(c.role)
		f.dashboard.Programme = programmeDashboard().Programme
		v, w := newDashboardFixture(t, f)
		if v.progCSV.Disabled() || v.progXLSX.Disabled() {
			t.Fatal("the programme's buttons are off once the figures are shown")
		}
		tapButton(t, w.Content(), c.button)
		shownChooser(t, w).Confirm() // the name offered
		settle()
		b, err := os.ReadFile(filepath.Join(docs, c.file))
		if err != nil {
			t.Fatalf("%s: %v (the folder holds %v)", c.role, err, dirNames(docs))
		}
		if !uitest.ShowsText(w.Content(), "「"+c.file+"」として保存しました。") {
			t.Errorf("the status line says %q", uitest.ShownTexts(w.Content()))
		}
		var got bool
		if strings.HasSuffix(c.file, ".csv") {
			// The whole file, as WriteProgrammeCSV writes it for the
			// scope the dashboard answered.
			want := bom + progFiguresCSV // the secretariat's first scope: every company
			if c.role == app.RoleHR {
				want = bom + strings.Replace(progFiguresCSV, "会社,すべての会社", "会社,株式会社さくら商事", 1)
			}
			if c.hasFree {
				want += progFreeCSV
			}
			if string(b) != want {
				t.Errorf("%s's CSV:\n%q\nwant\n%q", c.role, b, want)
			}
			got = bytes.Contains(b, []byte("回答（お名前なし）"))
		} else {
			x, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			got = len(x.GetSheetList()) == 3
			x.Close()
		}
		if got != c.hasFree {
			t.Errorf("%s's %s has the free answers: %v", c.role, c.file, got)
		}
	}
}

// Before the figures are loaded there is nothing to save.
func TestDashboardProgrammeButtonsWaitForFigures(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.err = app.ErrOffline
	v, _ := newDashboardFixture(t, f)
	if !v.progCSV.Disabled() || !v.progXLSX.Disabled() {
		t.Error("the programme's results can be saved before they loaded")
	}
}

func dirNames(dir string) []string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}
