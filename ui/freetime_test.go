package ui

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// freeWeekOf builds a pattern from "mon-afternoon"-style names.
func freeWeekOf(t *testing.T, names ...string) app.FreeWeek {
	t.Helper()
	var w app.FreeWeek
	b, _ := json.Marshal(names)
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

// A pattern in words, days that share their parts together, the week in
// order.
func TestFreeWeekText(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	weekdays := func(part string) []string {
		var out []string
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
			out = append(out, d+"-"+part)
		}
		return out
	}
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{append(weekdays("afternoon"), "sat-morning"), "平日の午後、土曜の午前"},
		{[]string{"tue-afternoon", "thu-afternoon"}, "火曜・木曜の午後"},
		{[]string{"mon-morning", "mon-afternoon", "wed-morning", "wed-afternoon"}, "月曜・水曜の午前・午後"},
		{[]string{"sat-evening", "sun-evening", "tue-evening"}, "火曜・土日の夕方"},
		{append(weekdays("morning"), "sat-morning", "sun-morning"), "毎日の午前"},
		{append(weekdays("evening"), "sat-evening", "sun-morning"), "平日・土曜の夕方、日曜の午前"},
		{nil, ""},
	} {
		if got := freeWeekText(freeWeekOf(t, tc.names...)); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.names, got, tc.want)
		}
	}
	w := freeWeekOf(t, "tue-afternoon", "thu-afternoon")
	for _, tc := range []struct{ note, text, more string }{
		{"", "火曜・木曜の午後", ""},
		{"火曜・木曜の午後", "火曜・木曜の午後", ""}, // the note of before, the same in words
		{"月末は避けたいです。", "火曜・木曜の午後", "月末は避けたいです。"},
	} {
		if text, more := freeTimesText(w, tc.note); text != tc.text || more != tc.more {
			t.Errorf("with the note %q: %q and %q, want %q and %q", tc.note, text, more, tc.text, tc.more)
		}
	}
	if text, more := freeTimesText(0, "平日の昼休み"); text != "平日の昼休み" || more != "" {
		t.Errorf("a note without a pattern: %q, %q", text, more)
	}
	if text, _ := freeTimesText(0, ""); text != "記入なし" {
		t.Errorf("nothing at all: %q", text)
	}

	english(t)
	if got := freeWeekText(freeWeekOf(t, append(weekdays("afternoon"), "sat-morning")...)); got != "afternoons on weekdays; mornings on Saturday" {
		t.Errorf("in English: %q", got)
	}
}

// The profile tab's grid: the saved pattern shown, a tap toggles a time
// (an unsaved change), and saving saves the pattern with the note.
func TestProfileEditorFreeWeek(t *testing.T) {
	e, svc := newProfileFixture(t)
	on := func() []string {
		var out []string
		for _, d := range app.WeekOrder {
			for _, p := range app.DayParts {
				if b := e.freeWeek.cells[d][p]; b.Text == "○" {
					if b.Importance != widget.HighImportance {
						t.Errorf("%s %d shows ○ without the accent", d, p)
					}
					out = append(out, d.String()[:3]+"-"+partNames(p))
				}
			}
		}
		return out
	}
	if got := on(); !slices.Equal(got, []string{"Tue-afternoon", "Thu-afternoon"}) {
		t.Fatalf("loaded: %v", got)
	}
	test.Tap(e.freeWeek.cells[time.Saturday][app.Morning])
	test.Tap(e.freeWeek.cells[time.Tuesday][app.Afternoon])
	if got := on(); !slices.Equal(got, []string{"Thu-afternoon", "Sat-morning"}) {
		t.Fatalf("after two taps: %v", got)
	}
	if !e.unsaved.Visible() {
		t.Error("a toggled time is no unsaved change")
	}
	p := saveProfile(t, e, svc)
	if want := freeWeekOf(t, "thu-afternoon", "sat-morning"); p.FreeWeek != want || p.FreeTimes != "火曜・木曜の午後" {
		t.Errorf("saved %b with the note %q, want %b", p.FreeWeek, p.FreeTimes, want)
	}
	if e.unsaved.Visible() {
		t.Error("still unsaved after saving")
	}
	if text, more := freeTimesText(p.FreeWeek, p.FreeTimes); text != "木曜の午後、土曜の午前" || more != "火曜・木曜の午後" {
		t.Errorf("the card would say %q and %q", text, more)
	}
}

// freeChoicesShown are the texts of the candidates shown, buttons and
// 「予定あり」 alike, in order.
func freeChoicesShown(dlg *OfferDialog) []string {
	var out []string
	for _, o := range dlg.free.choices.Objects {
		uitest.ShownWalk(o, func(x fyne.CanvasObject) {
			switch v := x.(type) {
			case *widget.Button:
				out = append(out, v.Text)
			case *widget.Label:
				out = append(out, v.Text)
			}
		})
	}
	return out
}

func partNames(p app.DayPart) string { return [...]string{"morning", "afternoon", "evening"}[p] }

// The offer dialog proposes the times where both patterns meet: 田中 誠
// and 井上 秀樹 both keep Tuesday and Thursday afternoons free. It is
// Wednesday 25 November at 10:00; the candidates start the next day. A
// tap puts a candidate among the proposed times; a fourth is refused.
func TestOfferDialogProposesFreeTimes(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.until(t, "the free times", func() bool { return !c.busy() })
	if want := "押すと、下の候補に入ります。ほかの日時も自由に選べます。"; dlg.free.hint.Text != want {
		t.Errorf("hint %q", dlg.free.hint.Text)
	}
	if !slices.Contains(canvasTexts(w.Canvas()), "おふたりの都合が合う候補") {
		t.Error("no title 「おふたりの都合が合う候補」")
	}
	want := []string{"11月26日(木) 13:00〜14:00", "12月1日(火) 13:00〜14:00", "12月3日(木) 13:00〜14:00", "12月8日(火) 13:00〜14:00"}
	if got := freeChoicesShown(dlg); !slices.Equal(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
	tap := func(s string) {
		t.Helper()
		b := uitest.ShownButton(dlg.free.choices, s)
		if b == nil {
			t.Fatalf("no candidate %q", s)
		}
		test.Tap(b)
	}
	tap(want[0])
	tap(want[2])
	tap(want[1])
	var got []string
	for _, p := range dlg.slots.Pickers() {
		s, ok := p.Start()
		if !ok {
			t.Fatal("a time without a day and hour")
		}
		got = append(got, s.In(app.Tokyo).Format("01/02 15:04"))
	}
	if !slices.Equal(got, []string{"11/26 13:00", "12/03 13:00", "12/01 13:00"}) {
		t.Errorf("proposed times %v", got)
	}
	// A chosen candidate is marked with a check, readable (not disabled),
	// its text as it was; the last one added is said under the candidates.
	if b := uitest.ShownButton(dlg.free.choices, want[0]); b == nil || b.Disabled() || b.Icon != theme.ConfirmIcon() || b.Importance != widget.HighImportance {
		t.Errorf("a candidate chosen is not marked: %+v", b)
	}
	if b := uitest.ShownButton(dlg.free.choices, want[3]); b == nil || b.Icon != theme.ContentAddIcon() || b.Importance == widget.HighImportance {
		t.Errorf("a candidate not chosen: %+v", b)
	}
	if s := dlg.free.added.Text; !dlg.free.added.Visible() || s != want[1]+" を候補に入れました。" {
		t.Errorf("added line %q (shown %v)", s, dlg.free.added.Visible())
	}
	// A tap on a chosen one takes it out of the proposed times; another
	// tap puts it back.
	tap(want[2])
	if n := len(dlg.slots.Pickers()); n != 2 || dlg.free.added.Text != want[2]+" を候補から外しました。" {
		t.Errorf("taken out: %d times, %q", n, dlg.free.added.Text)
	}
	if b := uitest.ShownButton(dlg.free.choices, want[2]); b == nil || b.Icon != theme.ContentAddIcon() {
		t.Errorf("a candidate taken out stays marked: %+v", b)
	}
	tap(want[2])
	got = got[:0]
	for _, p := range dlg.slots.Pickers() {
		s, _ := p.Start()
		got = append(got, s.In(app.Tokyo).Format("01/02 15:04"))
	}
	if !slices.Equal(got, []string{"11/26 13:00", "12/01 13:00", "12/03 13:00"}) {
		t.Errorf("proposed times after taking one out and back %v", got)
	}
	tap(want[3])
	if want := "候補はすでに3つ選んでいます。別の時間にするときは、どれかを消してから選んでください。"; !dlg.editError.Visible() || dlg.editError.Text != want {
		t.Errorf("a fourth: %q (shown %v)", dlg.editError.Text, dlg.editError.Visible())
	}
	// Deleting a time frees its candidate again.
	dlg.slots.SetStarts([]time.Time{time.Date(2026, 12, 3, 13, 0, 0, 0, app.Tokyo)})
	if b := uitest.ShownButton(dlg.free.choices, want[0]); b == nil || b.Icon != theme.ContentAddIcon() || b.Importance == widget.HighImportance {
		t.Error("a candidate no longer chosen stays marked")
	}
	// The person can still choose any time: the summary takes it.
	chooseOffer(t, dlg, time.Date(2026, 12, 2, 10, 0, 0, 0, app.Tokyo))
	offerNext(dlg)
	ui.until(t, "the summary", func() bool { return !c.busy() })
	if !dlg.confirm.Visible() {
		t.Fatalf("a time outside both patterns is refused: %q", dlg.editError.Text)
	}
}

// Against the user's own calendar: with talks of three hours, the
// user's talk on Tuesday 1 December from 14:00 to 15:00 leaves no
// afternoon start free, and that afternoon shows only as 「予定あり」,
// without the talk.
func TestOfferDialogFreeTimesAroundMyTalks(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.until(t, "the free times", func() bool { return !c.busy() })
	long := dlg.cohort
	long.Rules.TalkMinutes = 180
	cs, err := freeTimeCandidates(context.Background(), svc, dlg.me, dlg.to, long, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	dlg.showFreeTimes(cs, nil)
	shown := freeChoicesShown(dlg)
	want := []string{"11月26日(木) 13:00〜16:00", "12月1日(火) 午後　予定あり", "12月3日(木) 13:00〜16:00", "12月8日(火) 13:00〜16:00", "12月10日(木) 13:00〜16:00"}
	if !slices.Equal(shown, want) {
		t.Errorf("shown %q, want %q", shown, want)
	}
	talks, err := svc.TalksBetween(context.Background(), svc.me.ParticipantID, svc.now, svc.now.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range talks {
		for _, s := range canvasTexts(w.Canvas()) {
			if strings.Contains(s, k.OtherName) {
				t.Errorf("the proposal names %s, of the user's talk: %q", k.OtherName, s)
			}
		}
	}
}

// Without a pattern on either side, the dialog says why it proposes
// nothing, and the person chooses times as before.
func TestOfferDialogFreeTimesUnset(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	c, dlg, _ := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.until(t, "the free times", func() bool { return !c.busy() })
	dlg.to.FreeWeek = 0
	dlg.showFreeTimes(nil, nil)
	if want := "井上 秀樹さんは、話しやすい時間帯をまだ登録していません。下で日時をお選びください。"; dlg.free.hint.Text != want || len(dlg.free.choices.Objects) != 0 {
		t.Errorf("theirs unset: %q, %d choices", dlg.free.hint.Text, len(dlg.free.choices.Objects))
	}
	dlg.me.FreeWeek = 0
	dlg.showFreeTimes(nil, nil)
	if !strings.HasPrefix(dlg.free.hint.Text, "「わたしのプロフィール」で話しやすい時間帯を選ぶと") {
		t.Errorf("mine unset: %q", dlg.free.hint.Text)
	}
	dlg.me.FreeWeek, dlg.to.FreeWeek = freeWeekOf(t, "mon-morning"), freeWeekOf(t, "fri-evening")
	cs, err := freeTimeCandidates(context.Background(), svc, dlg.me, dlg.to, dlg.cohort, svc.now)
	if err != nil || len(cs) != 0 {
		t.Fatalf("no part in common: %v %v", cs, err)
	}
	dlg.showFreeTimes(cs, nil)
	if want := "期間中に、おふたりの都合が合う時間が見つかりませんでした。下で日時をお選びください。"; dlg.free.hint.Text != want {
		t.Errorf("none in common: %q", dlg.free.hint.Text)
	}
}

// The profile card says the pattern in words, with the person's own note
// under it when it says more.
func TestProfileCardFreeTimes(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	d, w := newDirectoryWindow(t, ui, svc)
	for _, tc := range []struct{ search, name, text, note string }{
		{"いのうえ ひでき", "井上 秀樹", "火曜・木曜の午後", ""},
		{"たなか おさむ", "田中 修", "平日の午後", "月末を除く平日の午後"},
		{"にしむら しんや", "西村 信也", "平日の昼休み（12時〜13時）", ""},
	} {
		dirSearch(t, ui, d, tc.search)
		c := dirTapPerson(t, ui, d, w, tc.name)
		if c.freeTimes.Text != tc.text || c.freeNote.Visible() != (tc.note != "") || (tc.note != "" && c.freeNote.Text != tc.note) {
			t.Errorf("%s: %q and %q (shown %v), want %q and %q", tc.name, c.freeTimes.Text, c.freeNote.Text, c.freeNote.Visible(), tc.text, tc.note)
		}
	}
}
