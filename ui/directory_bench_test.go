package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/replica"
	cttheme "crosstalk/ui/theme"
)

// directoryKeystrokes are what a user types and deletes, one keystroke apart, in
// a loop: each differs from the one before.
var directoryKeystrokes = []string{
	"さ", "さと", "さとう", "さとう ", "さとう え", "さとう えい", "さとう えいぎょう",
	"さとう えい", "さとう え", "さとう", "さと", "さ", "", "セ", "セカ", "セカンド", "セカンドキャリア",
	"セカンド", "セ", "",
	"i", "is", "ish", "ishi", "ishii", "ishii ", "ishii y", "ishii yo", "ishii you", "ishii youk", "ishii youko",
	"ishii", "ishi", "ish", "is", "i", "", "石", "石井", "石井陽", "石井陽子", "石井陽", "石井", "石", "",
}

// BenchmarkDirectoryKeystroke measures, with 10,000 participants in a
// real store, the time from a keystroke in the search box (the entry's
// text set, which runs its OnChanged) to the list's model holding the
// results of the new text. Target: under 16 ms, one frame.
//
// It also checks, at every keystroke, that the UI goroutine is not
// blocked: the store holds each search at a gate until the entry's
// handler has returned, so a search run on the UI goroutine would never
// finish there.
func BenchmarkDirectoryKeystroke(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(cttheme.New(cttheme.Normal))
	ui := dirQueueApp(b, a)

	ctx := context.Background()
	st, err := replica.Open(ctx, filepath.Join(b.TempDir(), "scale.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	d := demo.Scale(10000, testNow)
	if err := st.Import(ctx, d); err != nil {
		b.Fatal(err)
	}
	var me app.Actor
	for _, p := range d.Participants {
		if p.Role == app.RoleParticipant && p.Visible {
			me = app.Actor{ParticipantID: p.ID, CompanyID: p.CompanyID, Role: p.Role}
			break
		}
	}
	svc := &keystrokeGate{Services: &testServices{Store: st, me: me, now: testNow}}

	w := test.NewTempWindow(b, widget.NewLabel(""))
	dir := NewDirectory(svc, w)
	ui.watch(dir.busy)
	w.SetContent(dir.Content())
	w.Resize(fyne.NewSize(1100, 760))
	ui.until(b, "the first results", func() bool { return !dir.busy() && len(dir.results) > 0 })

	var handler, slowest time.Duration
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		text := directoryKeystrokes[i%len(directoryKeystrokes)]
		i++
		svc.arm()
		start := time.Now()
		dir.search.SetText(text) // the keystroke: OnChanged runs here
		h := time.Since(start)
		if svc.open() {
			b.Fatalf("typing %q waited for the search: it ran on the UI goroutine", text)
		}
		handler += h
		slowest = max(slowest, h)
		want := strings.TrimSpace(text)
		ui.until(b, "the results of "+text, func() bool {
			return !dir.running && dir.queued == nil && dir.shown.Text == want
		})
	}
	if i > 0 {
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(i), "ms/keystroke")
		b.ReportMetric(float64(handler.Microseconds())/float64(i), "µs-handler/keystroke")
		b.ReportMetric(float64(slowest.Microseconds()), "µs-slowest-handler")
	}
}

// keystrokeGate holds each search until the benchmark opens the gate.
type keystrokeGate struct {
	Services
	mu      sync.Mutex
	gate    chan struct{}
	blocked bool // a search waited a whole second: nobody could open the gate
}

// arm closes the gate for the next search.
func (g *keystrokeGate) arm() {
	g.mu.Lock()
	g.gate = make(chan struct{})
	g.mu.Unlock()
}

// open lets the search through, and reports whether one had to give up
// waiting for it.
func (g *keystrokeGate) open() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gate != nil {
		close(g.gate)
		g.gate = nil
	}
	return g.blocked
}

func (g *keystrokeGate) SearchDirectory(ctx context.Context, q app.DirectoryQuery) ([]app.DirectoryEntry, error) {
	g.mu.Lock()
	gate := g.gate
	g.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-time.After(time.Second):
			g.mu.Lock()
			g.blocked = true
			g.mu.Unlock()
		}
	}
	return g.Services.SearchDirectory(ctx, q)
}
