package startupreport

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestReadMemoryAddsUp(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps"); err != nil {
		t.Skip("no /proc/self/smaps here")
	}
	live := make([]byte, 8<<20)
	for i := range live {
		live[i] = 1 // resident
	}
	m := ReadMemory()
	runtime.KeepAlive(live)
	if m.RSS <= 0 || m.HWM < m.RSS {
		t.Fatalf("RSS %d kB, peak %d kB", m.RSS, m.HWM)
	}
	sum := m.LLVM + m.Mesa + m.Libs + m.Exe + m.Files + m.GoArenas + m.Brk + m.AnonC + m.Other
	// smaps and status are read a moment apart: allow some drift.
	if d := sum - m.RSS; d < -m.RSS/10 || d > m.RSS/10 {
		t.Errorf("the mappings add up to %d kB, VmRSS is %d kB", sum, m.RSS)
	}
	if m.GoArenas < 8<<10 {
		t.Errorf("Go heap arenas %d kB, want at least the 8 MB just made", m.GoArenas)
	}
	if m.Exe <= 0 {
		t.Errorf("the program's own mappings: %d kB", m.Exe)
	}
}

func TestBucket(t *testing.T) {
	var m Memory
	goAddrs := []uint64{0x10000500}
	for _, c := range []struct {
		path     string
		from, to uint64
		want     *int64
	}{
		{"", 0x10000000, 0x14000000, &m.GoArenas},
		{"", 0x7f0000000000, 0x7f0000100000, &m.AnonC},
		{"[anon: Go: heap]", 0x20000000, 0x24000000, &m.GoArenas},
		{"[heap]", 0x400000, 0x500000, &m.Brk},
		{"[stack]", 0x7ffe00000000, 0x7ffe00100000, &m.Other},
		{"/tmp/app", 0x400000, 0x500000, &m.Exe},
		{"/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1", 0, 1, &m.LLVM},
		{"/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", 0, 1, &m.Mesa},
		{"/usr/lib/x86_64-linux-gnu/libgallium-24.2.so", 0, 1, &m.Mesa},
		{"/usr/lib/x86_64-linux-gnu/libGLX_mesa.so.0.0.0", 0, 1, &m.Mesa},
		{"/usr/lib/x86_64-linux-gnu/libX11.so.6.4.0", 0, 1, &m.Libs},
		{"/usr/lib/locale/locale-archive", 0, 1, &m.Files},
	} {
		if got := m.bucket(c.path, "/tmp/app", c.from, c.to, goAddrs); got != c.want {
			t.Errorf("%q at %x: wrong bucket", c.path, c.from)
		}
	}
}

func TestReportLines(t *testing.T) {
	var b strings.Builder
	Report{Name: "app", Frame: 412 * time.Millisecond, Ready: 530 * time.Millisecond,
		AtFrame: Memory{RSS: 1000}, Settled: Memory{RSS: 900, HWM: 1100}, SettledAt: 2530 * time.Millisecond,
		Extra: []Field{{"sqlite_kb", 7}}}.Write(&b)
	out := b.String()
	for _, want := range []string{
		"startup: app frame_ms=412 ready_ms=530 rss_frame_kb=1000 rss_kb=900 hwm_kb=1100 settled_ms=2530\n",
		"startup-memory: app frame llvm=0",
		"startup-memory: app settled llvm=0",
		" sqlite_kb=7\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
