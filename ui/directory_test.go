package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// The directory's tests, and those of the profile card and the offer
// dialog, run the views as the desktop app does: the test goroutine is
// the UI goroutine, and fyne.Do queues work for it (uitest.QueueApp).

// dirUI runs the UI goroutine's queue for a test: uitest's Queue, under
// the names these tests use.
type dirUI struct{ *uitest.Queue }

// dirQueueApp wraps the current test app so that fyne.Do queues work for
// the test goroutine.
func dirQueueApp(tb testing.TB, a fyne.App) *dirUI { return &dirUI{uitest.QueueApp(tb, a)} }

// watch makes the test wait, before it ends, until busy reports false.
func (ui *dirUI) watch(busy func() bool) { ui.Watch(busy) }

// until runs the UI goroutine's queue until cond holds, for up to five
// seconds.
func (ui *dirUI) until(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	ui.Until(tb, what, cond)
}

// settle runs the background work and the UI queue until both are empty.
func (ui *dirUI) settle() { ui.Settle() }

// newDirUI is a headless app in Japanese, with the directory's texts,
// whose UI goroutine is the test's.
func newDirUI(t *testing.T) *dirUI {
	testapp.Japanese(t)
	return dirQueueApp(t, testapp.New(t))
}

// newDirectoryWindow shows the directory of the demo user in a window of
// a desktop's size and waits for the first results.
func newDirectoryWindow(t *testing.T, ui *dirUI, svc Services) (*Directory, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	d := NewDirectory(svc, w)
	ui.watch(d.busy)
	w.SetContent(d.Content())
	w.Resize(fyne.NewSize(1100, 760))
	ui.until(t, "the first results", func() bool { return !d.busy() && len(d.results) > 0 })
	return d, w
}

// dirSearch types text into the search box and waits for its results.
func dirSearch(t *testing.T, ui *dirUI, d *Directory, text string) {
	t.Helper()
	d.search.SetText("")
	test.Type(d.search, text)
	ui.until(t, "the results of "+text, func() bool { return !d.busy() && d.shown.Text == strings.TrimSpace(text) })
}

// dirNames lists the names in the list's model.
func dirNames(d *Directory) []string {
	var out []string
	for _, e := range d.results {
		out = append(out, e.Name)
	}
	return out
}

// dirCheck taps the box of a check, as a user would.
func dirCheck(c *widget.Check) {
	test.TapAt(c, fyne.NewPos(12, c.Size().Height/2))
}

// dirTapPerson taps the row of name in the list, as a user would, and
// waits for the profile card to load.
func dirTapPerson(t *testing.T, ui *dirUI, d *Directory, w fyne.Window, name string) *ProfileCard {
	t.Helper()
	var row *directoryRow
	uitest.Walk(d.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*directoryRow); ok && r.Visible() && r.name.Text == name {
			row = r
		}
	})
	if row == nil {
		t.Fatalf("%s is not shown in the list: %v", name, dirNames(d))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(row)
	test.TapCanvas(w.Canvas(), pos.Add(fyne.NewPos(10, 10)))
	ui.until(t, "the profile of "+name, func() bool {
		return d.card != nil && d.card.person.Name == name && !d.busy()
	})
	return d.card
}

// Searching as one types: a reading typed in hiragana finds the people
// whose reading is in katakana, each keystroke updates the list, people
// of one's own company never appear, filters narrow the list and the
// count line says how many were found.
func TestDirectorySearch(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	d, w := newDirectoryWindow(t, ui, svc)

	all, err := svc.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: svc.me.ParticipantID, Now: svc.now, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.results) != len(all) || d.count.Text != strconv.Itoa(len(all))+"人が見つかりました。" {
		t.Fatalf("first page: %d rows, count %q; the store has %d", len(d.results), d.count.Text, len(all))
	}
	for _, e := range d.results {
		if e.CompanyID == svc.me.CompanyID || e.CompanyName == "株式会社みなと精工" || e.ID == svc.me.ParticipantID {
			t.Errorf("own company listed: %s (%s)", e.Name, e.CompanyName)
		}
	}
	test.AssertImageMatches(t, "directory_results.png", w.Canvas().Capture())

	// いしい finds the four イシイ; a second word narrows to one.
	dirSearch(t, ui, d, "いしい")
	if got := dirNames(d); !slices.Equal(got, []string{"石井 京子", "石井 大輔", "石井 直樹", "石井 陽子"}) {
		t.Fatalf("いしい: %v", got)
	}
	if d.count.Text != "4人が見つかりました。" || d.empty.Visible() {
		t.Errorf("count %q, empty state shown %v", d.count.Text, d.empty.Visible())
	}
	shown := canvasTexts(w.Canvas())
	for _, want := range []string{"石井 京子", "イシイ キョウコ", "ソラリンク株式会社（情報通信）　45〜49歳", "テーマ：学び直し、ワークライフバランス"} {
		if !slices.Contains(shown, want) {
			t.Errorf("row text %q not shown; shown: %q", want, shown)
		}
	}
	test.Type(d.search, " よう")
	ui.until(t, "いしい よう", func() bool { return !d.busy() && d.shown.Text == "いしい よう" })
	if got := dirNames(d); !slices.Equal(got, []string{"石井 陽子"}) || d.count.Text != "1人が見つかりました。" {
		t.Errorf("いしい よう: %v, %q", got, d.count.Text)
	}

	// The own company's name finds nobody, and the view says so kindly.
	dirSearch(t, ui, d, "みなと")
	if len(d.results) != 0 || !d.empty.Visible() || d.count.Text != "見つかった方はいません。" ||
		d.empty.Text != "条件に合う方が見つかりませんでした。言葉を短くするか、条件を減らして、もう一度お試しください。" {
		t.Errorf("みなと: %v, count %q, empty %v %q", dirNames(d), d.count.Text, d.empty.Visible(), d.empty.Text)
	}

	// Filters narrow the list; clearing brings everyone back.
	d.search.SetText("")
	d.industry.SetSelected("金融")
	d.mode.SetSelected("電話")
	ui.until(t, "the filters", func() bool { return !d.busy() && d.shown.Industry == "金融" && d.shown.Mode == app.ModePhone })
	if len(d.results) == 0 || len(d.results) >= len(all) {
		t.Fatalf("金融 and 電話: %d of %d", len(d.results), len(all))
	}
	for _, e := range d.results {
		if e.Industry != "金融" || !e.Accepts(app.ModePhone) {
			t.Errorf("%s (%s, %v) does not match the filters", e.Name, e.Industry, e.Modes)
		}
	}
	if want := strconv.Itoa(len(d.results)) + "人が見つかりました。"; d.count.Text != want {
		t.Errorf("count %q, want %q", d.count.Text, want)
	}
	d.ageBand.SetSelected("60〜65歳")
	ui.until(t, "the age filter", func() bool { return !d.busy() && d.shown.AgeBand == "60-65" })
	if got := dirNames(d); !slices.Equal(got, []string{"坂本 直樹"}) {
		t.Errorf("金融, 電話, 60〜65歳: %v", got)
	}
	dirCheck(d.noOffers)
	ui.until(t, "no offers yet", func() bool { return !d.busy() && d.shown.NoOffersYet })
	test.Tap(d.clear)
	ui.until(t, "everyone again", func() bool {
		return !d.busy() && d.shown == (app.DirectoryQuery{ViewerID: svc.me.ParticipantID, Now: svc.now, Limit: directoryLimit + 1})
	})
	if len(d.results) != len(all) || d.industry.Selected != "すべて" || d.noOffers.Checked {
		t.Errorf("after clearing: %d rows, industry %q, no offers %v", len(d.results), d.industry.Selected, d.noOffers.Checked)
	}
	if !slices.Contains(d.theme.Options, "セカンドキャリア") || d.theme.Options[0] != "すべて" {
		t.Errorf("theme choices %v", d.theme.Options)
	}
}

// Tapping a person shows their profile with everything needed to decide,
// and the bookmark toggle adds them to the bookmark-only list.
func TestDirectoryProfileAndBookmark(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	d, w := newDirectoryWindow(t, ui, svc)

	dirSearch(t, ui, d, "いのうえ")
	c := dirTapPerson(t, ui, d, w, "井上 秀樹")
	for _, l := range []struct {
		what string
		got  string
		want string
	}{
		{"name", c.name.Text, "井上 秀樹"},
		{"kana", c.kana.Text, "イノウエ ヒデキ"},
		{"company", c.company.Text, "ソラリンク株式会社（情報通信）"},
		{"age", c.ageBand.Text, "55〜59歳"},
		{"job", c.jobRole.Text, "研究開発"},
		{"themes", c.themes.Text, "介護との両立、転職"},
		{"modes", c.modes.Text, "オンライン、電話、対面"},
		{"reason", c.reason.Text, "日時の候補を3つまで出して、オファーを送れます。"},
	} {
		if l.got != l.want {
			t.Errorf("%s: %q, want %q", l.what, l.got, l.want)
		}
	}
	p, _ := svc.Person(context.Background(), c.person.ID, svc.now)
	for _, want := range []string{p.Intro, p.Interests, p.FreeTimes} {
		if want == "" || !slices.Contains(canvasTexts(w.Canvas()), want) {
			t.Errorf("%q not shown on the card", want)
		}
	}
	if c.send.Disabled() || c.send.Text != "オファーを送る" {
		t.Errorf("send button %q disabled %v", c.send.Text, c.send.Disabled())
	}
	w.Canvas().Unfocus()
	test.AssertImageMatches(t, "profile_card.png", w.Canvas().Capture())

	// Bookmark, then list the bookmarks only.
	if c.bookmark.Text != "☆ ブックマークに追加する" {
		t.Fatalf("bookmark button %q", c.bookmark.Text)
	}
	test.Tap(c.bookmark)
	ui.until(t, "the bookmark", func() bool { return !d.busy() && c.notice.Text == "ブックマークに追加しました。" })
	if c.bookmark.Text != "★ ブックマークから外す" || len(svc.calls) != 1 || svc.calls[0] != app.BookmarkSet {
		t.Errorf("after bookmarking: %q, calls %v", c.bookmark.Text, svc.calls)
	}
	if i := slices.IndexFunc(d.results, func(e app.DirectoryEntry) bool { return e.Name == "井上 秀樹" }); i < 0 || !d.results[i].Bookmarked ||
		!slices.Contains(canvasTexts(w.Canvas()), "★ ブックマーク中") {
		t.Errorf("the list does not show the bookmark: %+v", d.results)
	}
	// The same search, asked again, keeps the row chosen.
	if d.selected < 0 || d.results[d.selected].Name != "井上 秀樹" {
		t.Errorf("the chosen row was lost: %d", d.selected)
	}
	d.search.SetText("")
	dirCheck(d.bookmarks)
	ui.until(t, "bookmarks only", func() bool { return !d.busy() && d.shown.BookmarkedOnly && d.shown.Text == "" })
	if got := dirNames(d); !slices.Contains(got, "井上 秀樹") || len(got) != 4 {
		t.Errorf("bookmarks: %v, want 井上 秀樹 and the demo's three", got)
	}

	// And off again: they leave the bookmark-only list.
	test.Tap(c.bookmark)
	ui.until(t, "the bookmark removed", func() bool { return !d.busy() && c.notice.Text == "ブックマークから外しました。" })
	if got := dirNames(d); slices.Contains(got, "井上 秀樹") || len(got) != 3 {
		t.Errorf("bookmarks after removing: %v", got)
	}
}

// Only one search runs at a time: keystrokes during a search are
// coalesced into one search for the latest text, and the results of an
// older text never replace those of a newer one.
func TestDirectoryCoalescesSearches(t *testing.T) {
	ui := newDirUI(t)
	svc := &gatedServices{Services: newTestServices(t)}
	d, _ := newDirectoryWindow(t, ui, svc)

	svc.hold()
	before := svc.calls.Load()
	test.Type(d.search, "い") // starts a search, which waits at the gate
	ui.until(t, "the first search to start", func() bool { return svc.calls.Load() == before+1 })
	test.Type(d.search, "しい") // two more keystrokes while it runs
	if n := svc.calls.Load(); n != before+1 {
		t.Fatalf("%d searches started while one was running", n-before)
	}
	svc.release()
	ui.until(t, "いしい", func() bool { return !d.busy() && d.shown.Text == "いしい" })
	if n := svc.calls.Load(); n != before+2 {
		t.Errorf("%d searches for 3 keystrokes during a search, want 2", n-before)
	}
	if got := svc.maxRunning.Load(); got != 1 {
		t.Errorf("%d searches ran at once", got)
	}
	if len(d.results) != 4 {
		t.Errorf("いしい: %v", dirNames(d))
	}

	// A search that is overtaken by a newer keystroke is not shown.
	svc.hold()
	test.Type(d.search, "　だい")
	ui.until(t, "the search to start", func() bool { return d.running })
	d.search.SetText("いしい きょうこ")
	svc.release()
	ui.until(t, "いしい きょうこ", func() bool { return !d.busy() && d.shown.Text == "いしい きょうこ" })
	if got := dirNames(d); !slices.Equal(got, []string{"石井 京子"}) {
		t.Errorf("いしい きょうこ: %v", got)
	}
}

// gatedServices holds searches at a gate while the test wants, and
// counts them.
type gatedServices struct {
	Services
	mu         sync.Mutex
	gate       chan struct{} // nil when open
	calls      atomic.Int64
	running    atomic.Int64
	maxRunning atomic.Int64
}

func (s *gatedServices) hold() {
	s.mu.Lock()
	s.gate = make(chan struct{})
	s.mu.Unlock()
}

func (s *gatedServices) release() {
	s.mu.Lock()
	close(s.gate)
	s.gate = nil
	s.mu.Unlock()
}

func (s *gatedServices) SearchDirectory(ctx context.Context, q app.DirectoryQuery) ([]app.DirectoryEntry, error) {
	s.calls.Add(1)
	n := s.running.Add(1)
	defer s.running.Add(-1)
	for m := s.maxRunning.Load(); n > m && !s.maxRunning.CompareAndSwap(m, n); m = s.maxRunning.Load() {
	}
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-time.After(5 * time.Second):
			return nil, errors.New("gate never opened")
		}
	}
	return s.Services.SearchDirectory(ctx, q)
}

// The age filter offers each decade before its five-year bands, and a
// decade finds the people of both its bands.
func TestDirectoryAgeDecade(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	d, _ := newDirectoryWindow(t, ui, svc)
	if want := []string{"すべて", "40代", "45〜49歳", "50代", "50〜54歳", "55〜59歳", "60代", "60〜65歳"}; !slices.Equal(d.ageBand.Options, want) {
		t.Fatalf("age choices %v, want %v", d.ageBand.Options, want)
	}
	count := func(b app.AgeBand) int {
		es, err := svc.SearchDirectory(context.Background(), app.DirectoryQuery{ViewerID: svc.me.ParticipantID, Now: svc.now, AgeBand: b, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	d.ageBand.SetSelected("50代")
	ui.until(t, "the decade filter", func() bool { return !d.busy() && d.shown.AgeBand == "50s" })
	bands := map[app.AgeBand]bool{}
	for _, e := range d.results {
		bands[e.AgeBand] = true
	}
	if n := count("50-54") + count("55-59"); len(d.results) != n || n == 0 || !bands["50-54"] || !bands["55-59"] || len(bands) != 2 {
		t.Errorf("50代: %d people of bands %v, want the %d of 50〜54歳 and 55〜59歳", len(d.results), bands, n)
	}
}
