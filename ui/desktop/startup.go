package desktop

/*
// SQLite is compiled into the program by github.com/mattn/go-sqlite3.
extern long long sqlite3_memory_used(void);
extern long long sqlite3_memory_highwater(int);
*/
import "C"

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"crosstalk/assets"
	"crosstalk/ui/startupreport"
)

// gogcSet is whether the user set GOGC: then it is left alone.
var gogcSet = os.Getenv("GOGC") != ""

// startGC lets the Go heap grow to four times its live set between
// collections while the app starts (GOGC 300; the default is 100): the
// start allocates the most (the fonts' parse, the views, the directory's
// index) and collects less often. Over six interleaved runs the first
// frame came in 406–502 ms instead of 402–517 ms (medians 448 and 489)
// and the directory's results in 478–599 ms instead of 538–713 ms, for a
// peak resident memory 0–6 MB higher. startOver ends it.
func startGC() {
	if !gogcSet {
		debug.SetGCPercent(300)
	}
}

// startOver runs once, when the start is over: the main window has
// shown its first view's data, or the first-launch view or the error is
// shown. See releaseStartMemory.
func (d *desktop) startOver() {
	d.started.Do(releaseStartMemory)
}

// releaseStartMemory gives the system back what the start used and no
// longer needs, and keeps the heap closer to what is live from then on.
//
// Starting leaves much garbage on the Go heap (the fonts' table copies,
// the directory's rows as they were read), and the heap stays at up to
// four times its live set (startGC), about 70 MB here (most of it the
// parsed fonts, which stay): one full collection now, off the UI
// goroutine, returns the free pages. After the start the heap may grow
// by a quarter of what is live before the next collection (GOGC 25): in
// 20 s of typing in the directory's search and scrolling its list, the
// resident memory grew by 18 MB instead of 53 MB with the default GOGC of
// 100, for no CPU time that could be told apart from the noise.
func releaseStartMemory() {
	if !gogcSet {
		debug.SetGCPercent(25)
	}
	go func() {
		debug.FreeOSMemory()
		_ = releaseFontPages(embeddedFonts())
		startupreport.Mark("released")
	}()
}

// embeddedFonts are the bytes of the fonts built into the program: the
// app's and Fyne's.
func embeddedFonts() [][]byte {
	var fonts [][]byte
	for _, r := range []fyne.Resource{
		assets.FontRegular, assets.FontBold, assets.FontJapaneseRegular, assets.FontJapaneseBold,
		fynetheme.DefaultTextFont(), fynetheme.DefaultTextBoldFont(), fynetheme.DefaultTextItalicFont(),
		fynetheme.DefaultTextBoldItalicFont(), fynetheme.DefaultTextMonospaceFont(),
		fynetheme.DefaultSymbolFont(), fynetheme.DefaultEmojiFont(),
	} {
		if r != nil {
			fonts = append(fonts, r.Content())
		}
	}
	return fonts
}

// reportSettle is how long after the directory's first results the
// -startup-report reads the memory again: the start is over then.
const reportSettle = 2 * time.Second

// printStartupReport prints the start-up report with SQLite's own
// figures, and writes the heap profile if asked, then quits.
func (d *desktop) printStartupReport(r startupreport.Report) {
	r.Extra = append(r.Extra,
		startupreport.Field{Key: "sqlite_kb", Value: int64(C.sqlite3_memory_used()) >> 10},
		startupreport.Field{Key: "sqlite_peak_kb", Value: int64(C.sqlite3_memory_highwater(0)) >> 10})
	r.Write(os.Stdout)
	stopProfile(d.profile)
	d.a.Quit()
}

// startProfile starts a CPU profile of the start in dir, if any.
func startProfile(dir string) {
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		panic(err)
	}
	f, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
}

// stopProfile ends the CPU profile and writes a heap profile in dir.
func stopProfile(dir string) {
	if dir == "" {
		return
	}
	pprof.StopCPUProfile()
	runtime.GC() // the profile then shows what is live at the end
	f, err := os.Create(filepath.Join(dir, "heap.pprof"))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
}
