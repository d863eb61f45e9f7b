package main

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
	"runtime/pprof"
	"time"

	"crosstalk/internal/startupreport"
)

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
