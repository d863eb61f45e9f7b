package admin

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

func newDashboardFixture(t *testing.T, f *fakeAdmin) (*DashboardView, fyne.Window) {
	t.Helper()
	var v *DashboardView
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		v = NewDashboardView(f, w)
		return v.Content()
	})
	v.Refresh()
	settle()
	return v, w
}

func TestDashboardFigures(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.dashboard.Comments = []string{"とても良い時間でした。"} // never shown to HR
	v, w := newDashboardFixture(t, f)
	if want := []app.Scope{{CohortID: "k-2026a", CompanyID: "c-sakura"}}; !reflect.DeepEqual(f.scopes, want) {
		t.Errorf("scopes %+v", f.scopes)
	}
	uitest.WantTexts(t, "the dashboard", w.Content(),
		"プログラムの参加者", "12人", "アプリを使い始めた人", "9人（75%）", "オファーを送った・受けた人", "11人（92%）",
		"人数は、プログラムの参加者だけを数えています。人事・事務局のアカウントは含みません。",
		"送られたオファー", "20件",
		"承諾率", "75%（返事のあった16件のうち12件）",
		"返事までの時間（中央値）", "30時間",
		"実施したクロストーク", "8件", "中止になったクロストーク", "2件", "相手が来なかったクロストーク", "1件",
		"回答数", "10件", "満足度（平均）", "5.9 / 7", "おすすめ度（平均）", "8.1 / 10", "NPS", "+29",
		"結果は、5人から1件ずつ、計5件の回答がそろうごとに更新します。一人ひとりの回答が分からないようにするためです。",
		"オファーをまだ受けていない人（1人）", "鈴木 一郎（S0003）",
		"オファーをまだ送っていない人（1人）", "佐藤 花子（S0002）",
	)
	if uitest.ShowsText(w.Content(), "・とても良い時間でした。") {
		t.Error("HR sees a survey comment")
	}
	if len(v.charts) != 3 {
		t.Fatalf("%d charts", len(v.charts))
	}
	if got := v.charts[0].Labels; !reflect.DeepEqual(got, []string{"11/1", "11/8", "11/15", "11/22"}) {
		t.Errorf("week labels %q", got)
	}
}

// TestDashboardPersonWithoutNumber names a person who was not imported
// (so has no employee number) without empty brackets.
func TestDashboardPersonWithoutNumber(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.dashboard.NoOffersSent = append(f.dashboard.NoOffersSent, app.PersonRef{ParticipantID: "p-9", Name: "中島 真由美", CompanyID: "c-sakura"})
	_, w := newDashboardFixture(t, f)
	uitest.WantTexts(t, "the dashboard", w.Content(), "佐藤 花子（S0002）、中島 真由美")
}

func TestDashboardTooFewAnswers(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.dashboard.Survey = app.SurveyFigures{Shown: false, Answers: 3}
	v, w := newDashboardFixture(t, f)
	uitest.WantTexts(t, "the dashboard", w.Content(), "回答が5人未満のため表示しません。")
	if uitest.ShowsText(w.Content(), "満足度（平均）") {
		t.Error("the satisfaction is shown over too few answers")
	}
	if len(v.charts) != 1 {
		t.Errorf("%d charts: the score charts are drawn over too few answers", len(v.charts))
	}
	var b bytes.Buffer
	if err := WriteDashboardCSV(&b, f.dashboard, "2026年度 第1期", "株式会社さくら商事", testNow); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("満足度")) || !bytes.Contains(b.Bytes(), []byte("回答が5人未満のため表示しません。")) {
		t.Errorf("CSV over too few answers:\n%s", b.String())
	}
}

// countColor counts the pixels of img that are c.
func countColor(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) == c {
				n++
			}
		}
	}
	return n
}

func TestDashboardChartsRenderAndExport(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	v, _ := newDashboardFixture(t, f)
	imgs := v.chartImages()
	if len(imgs) != 3 {
		t.Fatalf("%d images", len(imgs))
	}
	week := imgs[0]
	if b := week.Bounds(); b.Dx() < 720 || b.Dy() < 200 {
		t.Errorf("chart of %v", b)
	}
	// White paper, and bars of each series in proportion: 8 offers sent
	// in the tallest week draw more blue than the 12 talks' green.
	if c := color.NRGBAModel.Convert(week.At(2, 2)).(color.NRGBA); c != (color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}) {
		t.Errorf("background %v", c)
	}
	blue, orange, green := countColor(week, chartColors[0]), countColor(week, chartColors[1]), countColor(week, chartColors[2])
	if blue == 0 || orange == 0 || green == 0 || !(blue > orange && orange > green) {
		t.Errorf("bar pixels blue %d, orange %d, green %d", blue, orange, green)
	}
	test.AssertImageMatches(t, "admin_chart_weeks.png", week)
	// The satisfaction chart has bars for scores 3, 5, 6 and 7 only.
	if countColor(imgs[1], chartColors[0]) == 0 {
		t.Error("no bars in the satisfaction chart")
	}

	// A PNG written the way the save dialog writes it decodes again.
	path := filepath.Join(t.TempDir(), "週ごと.png")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writePNG(out, week); err != nil {
		t.Fatal(err)
	}
	out.Close()
	in, _ := os.Open(path)
	defer in.Close()
	back, err := png.Decode(in)
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	if back.Bounds() != week.Bounds() {
		t.Errorf("decoded %v, drawn %v", back.Bounds(), week.Bounds())
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no BOM: %q", b)
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestDashboardCSV(t *testing.T) {
	testapp.Japanese(t)
	f := newFakeAdmin(app.RoleHR)
	var b bytes.Buffer
	if err := WriteDashboardCSV(&b, f.dashboard, "2026年度 第1期", "株式会社さくら商事", testNow); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	for _, want := range [][]string{
		{"項目", "値"}, {"プログラム", "2026年度 第1期"}, {"会社", "株式会社さくら商事"},
		{"集計日時", "2026年11月25日(水) 10:00"}, {"プログラムの参加者", "12"}, {"アプリを使い始めた人", "9"}, {"オファーを送った・受けた人", "11"},
		{"承諾率（%）", "75.0"}, {"返事までの時間の中央値（時間）", "30.0"}, {"満足度（平均）", "5.90"}, {"NPS", "28.6"},
		{"週の始まり", "送られたオファー", "承諾されたオファー", "実施したクロストーク"}, {"2026/11/08", "8", "5", "3"},
	} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no row %q in\n%q", want, rows)
		}
	}

	b.Reset()
	if err := WriteActivityCSV(&b, f.activity, f.companies); err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, b.Bytes())
	want := [][]string{
		{"社員番号", "氏名", "会社", "アプリを使い始めた（1=はい）", "送られたオファー", "受けたオファー", "承諾されたオファー", "実施したクロストーク", "中止になったクロストーク", "相手が来なかったクロストーク"},
		// The employee number as a string constant, so that Excel keeps it as written.
		{`="S0001"`, "山田 太郎", "株式会社さくら商事", "1", "3", "2", "2", "2", "0", "0"},
		{`="S0002"`, "佐藤 花子", "株式会社さくら商事", "0", "0", "0", "0", "0", "0", "0"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("activity\n%q\nwant\n%q", rows, want)
	}
}

// The secretariat sees every company at first, the comments without
// names, and no one's name in the lists.
func TestDashboardSecretariat(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	f.dashboard.Comments = []string{"他社の方の話は新鮮でした。", "時間が短く感じました。"}
	v, w := newDashboardFixture(t, f)
	if len(f.scopes) != 1 || f.scopes[0] != (app.Scope{CohortID: "k-2026a"}) {
		t.Fatalf("scopes %+v", f.scopes)
	}
	uitest.WantTexts(t, "the dashboard", w.Content(), "アンケートのコメント（名前は出しません）", "・他社の方の話は新鮮でした。", "・時間が短く感じました。",
		"オファーをまだ受けていない人", "1人")
	if uitest.ShowsText(w.Content(), "鈴木 一郎（S0003）") {
		t.Error("the secretariat's dashboard names a person")
	}
	v.company.sel.SetSelected("あおぞら電機株式会社")
	settle()
	if last := f.scopes[len(f.scopes)-1]; last != (app.Scope{CohortID: "k-2026a", CompanyID: "c-aozora"}) {
		t.Errorf("scope %+v", last)
	}
	v.cohort.SetSelected("2027年度 第1期")
	settle()
	if last := f.scopes[len(f.scopes)-1]; last != (app.Scope{CohortID: "k-2027a", CompanyID: "c-aozora"}) {
		t.Errorf("scope %+v", last)
	}
}

func TestDashboardOffline(t *testing.T) {
	f := newFakeAdmin(app.RoleHR)
	f.err = app.ErrOffline
	v, _ := newDashboardFixture(t, f)
	if got := v.status.Text(); got != "サーバーにつながりません。ネットワークを確かめて、もう一度お試しください。" {
		t.Errorf("status %q", got)
	}
	if !v.saveData.Disabled() {
		t.Error("figures can be saved before they loaded")
	}
}

func TestDashboardWorkbook(t *testing.T) {
	testapp.Japanese(t)
	f := newFakeAdmin(app.RoleHR)
	var b bytes.Buffer
	if err := WriteDashboardXLSX(&b, f.dashboard, "2026年度 第1期", "株式会社さくら商事", testNow, f.activity, f.companies); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, []string{"数値", "週ごと", "一人ひとりの活動"}) {
		t.Fatalf("sheets %q", got)
	}
	// Decimals show their places as the CSV writes them (75.0, not 75).
	rows, _ := x.GetRows("数値")
	for _, want := range [][]string{{"承諾率（%）", "75.0"}, {"返事までの時間の中央値（時間）", "30.0"}, {"満足度（平均）", "5.90"}, {"おすすめ度（平均）", "8.10"}} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no row %q in the figures %q", want, rows)
		}
	}
	// Numbers are numbers, for Excel's sums.
	if typ, _ := x.GetCellType("数値", "B5"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B5 is of type %v", typ)
	}
	if v, _ := x.GetCellValue("数値", "B5"); v != "12" {
		t.Errorf("participants %q", v)
	}
	acts, _ := x.GetRows("一人ひとりの活動")
	if len(acts) != 3 || !slices.Equal(acts[1][:4], []string{"S0001", "山田 太郎", "株式会社さくら商事", "1"}) {
		t.Errorf("activity %q", acts)
	}
	weeks, _ := x.GetRows("週ごと")
	if len(weeks) != 5 || !slices.Equal(weeks[2], []string{"2026/11/08", "8", "5", "3"}) {
		t.Errorf("weeks %q", weeks)
	}
}

// Half a year of weeks fits a window: the chart asks for no more width
// than a few weeks need, and labels every few weeks.
func TestDashboardChartOfManyWeeks(t *testing.T) {
	testWindow(t, func(fyne.Window) fyne.CanvasObject { return widget.NewLabel("") })
	var labels []string
	var values []int
	for i := range 26 {
		labels = append(labels, strconv.Itoa(i+1)+"/1")
		values = append(values, i)
	}
	c := newBarChart("週ごと", labels, chartSeries{Name: "a", Values: values}, chartSeries{Name: "b", Values: values})
	if w := c.MinSize().Width; w > 900 {
		t.Errorf("the chart asks for %v wide", w)
	}
	c.Resize(fyne.NewSize(800, 300))
	r := test.WidgetRenderer(c).(*barChartRenderer)
	shown := 0
	for _, l := range r.labels {
		if l.Visible() {
			shown++
		}
	}
	if shown == 0 || shown == len(labels) {
		t.Errorf("%d of %d labels shown", shown, len(labels))
	}
	if img := chartImage(c, ""); img.Bounds().Dx() < 26*2*24 {
		t.Errorf("the printed chart is %d wide", img.Bounds().Dx())
	}
}

// TestDashboardExportsComments gives the secretariat the survey comments,
// without names, in both exports; HR's exports have none.
func TestDashboardExportsComments(t *testing.T) {
	testapp.Japanese(t)
	f := newFakeAdmin(app.RoleSecretariat)
	d := f.dashboard
	d.Comments = []string{"視野が広がりました。", "また話したいです。"}
	var b bytes.Buffer
	if err := WriteDashboardCSV(&b, d, "2026年度 第1期", "すべての会社", testNow); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	if n := len(rows); n < 3 || !slices.Equal(rows[n-3], []string{"アンケートのコメント（名前は出しません）"}) ||
		!slices.Equal(rows[n-2], []string{"視野が広がりました。"}) || !slices.Equal(rows[n-1], []string{"また話したいです。"}) {
		t.Errorf("the comments are not at the end of the figures:\n%q", rows)
	}
	b.Reset()
	if err := WriteDashboardXLSX(&b, d, "2026年度 第1期", "すべての会社", testNow, f.activity, f.companies); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !reflect.DeepEqual(got, []string{"数値", "週ごと", "一人ひとりの活動", "コメント"}) {
		t.Fatalf("sheets %q", got)
	}
	if got, _ := x.GetRows("コメント"); len(got) != 3 || got[2][0] != "また話したいです。" {
		t.Errorf("comments sheet %q", got)
	}

	// HR's exports hold no comments, even if an answer had some.
	hr := newFakeAdmin(app.RoleHR)
	hr.dashboard.Comments = d.Comments
	v, _ := newDashboardFixture(t, hr)
	if got := v.exported(); got.Comments != nil {
		t.Errorf("HR's export has comments %q", got.Comments)
	}
	b.Reset()
	if err := WriteDashboardCSV(&b, v.exported(), "2026年度 第1期", "株式会社さくら商事", testNow); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b.Bytes(), []byte("コメント")) {
		t.Error("HR's export has a comments section")
	}
}
