package desktop

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// TestReleaseFontPagesKeepsContent checks that the fonts read the same
// after their pages are released, and that memory outside the program
// file (here, the Go heap), whose content madvise would discard, is left
// alone.
func TestReleaseFontPagesKeepsContent(t *testing.T) {
	fonts := embeddedFonts()
	if len(fonts) < 4 {
		t.Fatalf("embeddedFonts: %d fonts", len(fonts))
	}
	var before [][32]byte
	for _, f := range fonts {
		before = append(before, sha256.Sum256(f))
	}
	heap := bytes.Repeat([]byte{7}, 1<<20)
	if err := releaseFontPages(append(fonts, heap)); err != nil {
		t.Fatal(err)
	}
	for i, f := range fonts {
		if sha256.Sum256(f) != before[i] {
			t.Errorf("font %d changed after its pages were released", i)
		}
	}
	if bytes.Count(heap, []byte{7}) != len(heap) {
		t.Error("a heap slice was released: its content is lost")
	}
}
