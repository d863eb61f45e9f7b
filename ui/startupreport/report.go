// Package startupreport measures a start-up for .ci/startup-bench: when
// the first frame that shows a window's content has been put on the
// screen, and where the process's resident memory is then, broken down
// by mapping (the GL driver's libraries, the program, the Go heap, other
// anonymous memory). The app (-startup-report) and the bare Fyne window
// the benchmark compares it with (.ci/barewindow) use it alike.
package startupreport

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// LaunchedEnv names the environment variable in which the benchmark
// passes the moment it started the process (Unix nanoseconds), so that the
// times printed count from the exec, dynamic linking and Go's
// initialisation included.
const LaunchedEnv = "STARTUP_LAUNCHED_NS"

// Origin is the moment times are counted from: LaunchedEnv's if set, else
// the process's start as the kernel recorded it (10 ms steps).
func Origin() time.Time {
	if ns, err := strconv.ParseInt(os.Getenv(LaunchedEnv), 10, 64); err == nil && ns > 0 {
		return time.Unix(0, ns)
	}
	if t, ok := processStart(); ok {
		return t
	}
	return initTime
}

var initTime = time.Now()

// first is one of the first objects on the Go heap.
var first = new([1 << 10]byte)

// goObjects returns the addresses of objects on the Go heap: one of the
// first, and fresh ones of several sizes, which the runtime puts in the
// spans, and so the arenas, it uses now. keep holds them until read.
func goObjects() (addrs []uint64, keep []any) {
	addrs = append(addrs, uint64(uintptr(unsafe.Pointer(first))))
	for size := 16; size <= 1<<20; size *= 4 {
		for range 2 {
			b := make([]byte, size)
			keep = append(keep, b)
			addrs = append(addrs, uint64(uintptr(unsafe.Pointer(&b[0]))))
		}
	}
	return addrs, keep
}

// processStart is now less the process's age: /proc/uptime less its
// start in /proc/self/stat (clock ticks since boot, taken as 100 a
// second), to 10 ms.
func processStart() (time.Time, bool) {
	now := time.Now()
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return time.Time{}, false
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(fields) < 20 {
		return time.Time{}, false
	}
	ticks, err := strconv.ParseInt(fields[19], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	up, err := os.ReadFile("/proc/uptime")
	if err != nil {
		return time.Time{}, false
	}
	secs, err := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	if err != nil {
		return time.Time{}, false
	}
	age := time.Duration(secs*float64(time.Second)) - time.Duration(ticks)*10*time.Millisecond
	return now.Add(-age), true
}

// Probe is a transparent canvas object laid over a window's content. The
// painter calls its generator while it paints a frame that shows it, after
// everything beneath it; a function queued with fyne.Do from there runs
// after that frame has been swapped onto the screen.
type Probe struct {
	raster *canvas.Raster

	mu      sync.Mutex
	pending func()
}

// NewProbe makes a probe. Lay Object over the content (container.NewStack).
func NewProbe() *Probe {
	p := &Probe{}
	clear := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	p.raster = canvas.NewRaster(func(int, int) image.Image {
		p.mu.Lock()
		f := p.pending
		p.pending = nil
		p.mu.Unlock()
		if f != nil {
			fyne.Do(f)
		}
		return clear
	})
	return p
}

// Object is the probe's canvas object.
func (p *Probe) Object() fyne.CanvasObject { return p.raster }

// AfterNextFrame calls f on the UI goroutine once the next frame that
// paints the probe is on the screen. Call it on the UI goroutine.
func (p *Probe) AfterNextFrame(f func()) {
	p.mu.Lock()
	p.pending = f
	p.mu.Unlock()
	p.raster.Refresh() // its texture is made again in the next frame
}

// Memory is where the resident memory is, from /proc/self/smaps, in kB.
type Memory struct {
	RSS, HWM int64 // VmRSS and the peak, VmHWM, from /proc/self/status

	LLVM     int64 // libLLVM (llvmpipe's compiler)
	Mesa     int64 // the GL driver: libgallium, *_dri.so, libGL*, libEGL*, libglapi, libdrm
	Libs     int64 // other shared libraries (X11, libc, libstdc++, …)
	Exe      int64 // the program's own file: code, data, the embedded fonts
	Files    int64 // other files mapped (locale archive, fontconfig caches, …)
	GoArenas int64 // anonymous memory in the Go heap's arenas
	Brk      int64 // [heap]: C malloc's main arena (SQLite, Mesa, X11, …)
	AnonC    int64 // other anonymous memory: C malloc's mmaps and thread arenas, Mesa's buffers, Go's runtime metadata, thread stacks
	Other    int64 // [stack], [vdso], …

	GoHeapInuse, GoHeapIdle, GoStacks, GoRuntime int64 // from runtime.MemStats, in kB: heap in use, free heap not given back, stacks, runtime metadata
}

// ReadMemory reads the process's memory now.
func ReadMemory() Memory {
	// Go's figures and the totals first, before the objects that find
	// the Go heap's mappings are made.
	var m Memory
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				m.RSS = kB(v)
			} else if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				m.HWM = kB(v)
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.GoHeapInuse = int64(ms.HeapInuse >> 10)
	m.GoHeapIdle = int64((ms.HeapIdle - ms.HeapReleased) >> 10)
	m.GoStacks = int64(ms.StackInuse >> 10)
	m.GoRuntime = int64((ms.MSpanSys + ms.MCacheSys + ms.BuckHashSys + ms.GCSys + ms.OtherSys) >> 10)
	exe, _ := os.Readlink("/proc/self/exe")
	goAddrs, keep := goObjects()
	defer runtime.KeepAlive(keep)
	if f, err := os.Open("/proc/self/smaps"); err == nil {
		var bucket *int64
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if k, v, ok := strings.Cut(line, ":"); ok && !strings.Contains(k, " ") && !strings.Contains(k, "-") {
				if k == "Rss" && bucket != nil {
					*bucket += kB(v)
				}
				continue
			}
			fields := strings.Fields(line)
			if len(fields) < 5 {
				continue
			}
			start, end, _ := strings.Cut(fields[0], "-")
			from, _ := strconv.ParseUint(start, 16, 64)
			to, _ := strconv.ParseUint(end, 16, 64)
			path := ""
			if len(fields) >= 6 {
				path = strings.Join(fields[5:], " ")
			}
			bucket = m.bucket(path, exe, from, to, goAddrs)
		}
		f.Close()
	}
	return m
}

func (m *Memory) bucket(path, exe string, from, to uint64, goAddrs []uint64) *int64 {
	base := path[strings.LastIndexByte(path, '/')+1:]
	switch {
	case path == "":
		// A Go heap arena holds Go objects. (Where the kernel names
		// anonymous mappings, Go names them itself: "[anon: Go: heap]".)
		for _, a := range goAddrs {
			if a >= from && a < to {
				return &m.GoArenas
			}
		}
		return &m.AnonC
	case strings.HasPrefix(path, "[anon: Go: heap"):
		return &m.GoArenas
	case path == "[heap]":
		return &m.Brk
	case strings.HasPrefix(path, "["):
		return &m.Other
	case path == exe:
		return &m.Exe
	case strings.HasPrefix(base, "libLLVM"):
		return &m.LLVM
	case strings.HasPrefix(base, "libgallium"), strings.HasSuffix(base, "_dri.so"), strings.HasPrefix(base, "libGL"),
		strings.HasPrefix(base, "libEGL"), strings.HasPrefix(base, "libglapi"), strings.HasPrefix(base, "libdrm"),
		strings.HasPrefix(base, "libgbm"):
		return &m.Mesa
	case strings.Contains(base, ".so"):
		return &m.Libs
	default:
		return &m.Files
	}
}

func kB(v string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
	return n
}

// Report is what the start-up measured. Its String is the lines
// .ci/startup-bench reads.
type Report struct {
	Name      string        // "app" or "bare"
	Frame     time.Duration // from Origin to the first frame of the content on the screen
	Ready     time.Duration // to the first frame with the content's data (the directory's list), or 0
	AtFrame   Memory        // at the first frame
	Settled   Memory        // after the start has settled
	SettledAt time.Duration // when Settled was read
	Extra     []Field       // more figures (the app's SQLite memory)
	Origin    time.Time     // what the times count from
}

// Field is one more figure of a report.
type Field struct {
	Key   string
	Value int64
}

// Write prints r as lines of key=value pairs.
func (r Report) Write(w io.Writer) {
	fmt.Fprintf(w, "startup: %s frame_ms=%d ready_ms=%d rss_frame_kb=%d rss_kb=%d hwm_kb=%d settled_ms=%d\n",
		r.Name, r.Frame.Milliseconds(), r.Ready.Milliseconds(), r.AtFrame.RSS, r.Settled.RSS, r.Settled.HWM, r.SettledAt.Milliseconds())
	for _, m := range []struct {
		when string
		m    Memory
	}{{"frame", r.AtFrame}, {"settled", r.Settled}} {
		fmt.Fprintf(w, "startup-memory: %s %s llvm=%d mesa=%d libs=%d exe=%d files=%d go_arenas=%d brk=%d anon_c=%d other=%d go_heap_inuse=%d go_heap_idle=%d go_stacks=%d go_runtime=%d",
			r.Name, m.when, m.m.LLVM, m.m.Mesa, m.m.Libs, m.m.Exe, m.m.Files, m.m.GoArenas, m.m.Brk, m.m.AnonC, m.m.Other,
			m.m.GoHeapInuse, m.m.GoHeapIdle, m.m.GoStacks, m.m.GoRuntime)
		if m.when == "settled" {
			extra := append([]Field(nil), r.Extra...)
			sort.Slice(extra, func(i, j int) bool { return extra[i].Key < extra[j].Key })
			for _, f := range extra {
				fmt.Fprintf(w, " %s=%d", f.Key, f.Value)
			}
		}
		fmt.Fprintln(w)
	}
	writeMarks(w, r.Name, r.Origin)
}
