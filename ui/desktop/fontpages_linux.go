package desktop

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// releaseFontPages tells the kernel that the pages of the program file
// that hold the embedded fonts' bytes are not needed now, so that they
// leave the resident memory at once.
//
// Fyne parses each font it uses into copies on the Go heap (go-text
// reads every table it keeps into a slice of its own), so once the first
// view is drawn the fonts' bytes in the program file have been read and
// are not read again until a new text style or a theme change parses a
// font anew. They are clean pages of the program file, which the kernel
// would drop under memory pressure anyway and reads back from the page
// cache when touched: the app's own fonts (two of the four BIZ UD Gothic
// faces, 7 MB) and Fyne's emoji and Noto fonts (5 MB) otherwise stay
// resident for the whole session.
//
// Only whole pages that lie inside one of the program file's mappings
// are released: never anonymous memory, whose content madvise would
// discard, nor a page shared with other data. The fonts are []byte
// embeds, in a writable private mapping of the file: released pages come
// back as the file has them, so nothing may ever write into these bytes
// (nothing does: go-text copies what it parses).
func releaseFontPages(fonts [][]byte) error {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return fmt.Errorf("release font pages: %w", err)
	}
	maps, err := fileMappings(exe)
	if err != nil {
		return fmt.Errorf("release font pages: %w", err)
	}
	page := uintptr(os.Getpagesize())
	for _, b := range fonts {
		if len(b) == 0 {
			continue
		}
		start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		end := start + uintptr(len(b))
		from := (start + page - 1) &^ (page - 1)
		to := end &^ (page - 1)
		if to <= from || !inside(maps, from, to) {
			continue
		}
		if err := unix.Madvise(b[from-start:to-start], unix.MADV_DONTNEED); err != nil {
			return fmt.Errorf("release font pages: madvise: %w", err)
		}
	}
	return nil
}

// span is a range of addresses, [from, to).
type span struct{ from, to uintptr }

// fileMappings returns the ranges of this process's memory that map the
// file path, from /proc/self/maps.
func fileMappings(path string) ([]span, error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var spans []span
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || strings.Join(fields[5:], " ") != path {
			continue
		}
		lo, hi, _ := strings.Cut(fields[0], "-")
		from, err1 := strconv.ParseUint(lo, 16, 64)
		to, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		spans = append(spans, span{uintptr(from), uintptr(to)})
	}
	return spans, sc.Err()
}

// inside reports whether [from, to) lies within one of spans.
func inside(spans []span, from, to uintptr) bool {
	for _, s := range spans {
		if from >= s.from && to <= s.to {
			return true
		}
	}
	return false
}
