package desktop

import (
	"testing"

	"fyne.io/fyne/v2"
)

// A 1366×768 screen with a 40 px taskbar at the bottom, at 125 %.
var laptop = screen{Name: "eDP-1", Width: 1366, Height: 768, Work: rect{0, 0, 1366, 728}, Scale: 1.25}

func TestScreenKey(t *testing.T) {
	other := laptop
	other.Width, other.Height = 1920, 1080
	if laptop.key() != "window.eDP-1@1366x768" || laptop.key() == other.key() {
		t.Errorf("keys %q and %q", laptop.key(), other.key())
	}
	// Two monitors of one model, as Windows names both: each keeps its
	// own place, told apart by where it is on the desktop.
	left := screen{Name: "Generic PnP Monitor", Width: 1920, Height: 1080, Twin: true, Pos: [2]int{0, 0}}
	right := left
	right.Pos = [2]int{1920, 0}
	if left.key() == right.key() || right.key() != "window.Generic PnP Monitor@1920x1080+1920+0" {
		t.Errorf("twin monitors' keys %q and %q", left.key(), right.key())
	}
	alone := right
	alone.Twin = false
	if alone.key() != "window.Generic PnP Monitor@1920x1080" {
		t.Errorf("a single monitor's key %q depends on its place", alone.key())
	}
}

// The default size is fitted into the work area in Fyne units (the
// screen's scale and the window's frame taken off), and centred in it.
func TestFitDefaultSize(t *testing.T) {
	frame := rect{2, 30, 2, 2}
	size, x, y := fit(laptop, frame, defaultWindowSize, nil)
	if want := fyne.NewSize((1366-4)/1.25, (728-32)/1.25); size != want {
		t.Errorf("size %v, want %v", size, want)
	}
	outerW, outerH := int(size.Width*1.25+0.5)+4, int(size.Height*1.25+0.5)+32
	if x-2 < 0 || y-30 < 0 || x-2+outerW > 1366 || y-30+outerH > 728 {
		t.Errorf("the window at %d,%d (%dx%d outside) leaves the work area", x, y, outerW, outerH)
	}
	if left, right := x-2, 1366-(x-2+outerW); left-right > 1 || right-left > 1 {
		t.Errorf("not centred: %d left, %d right", left, right)
	}
	small := screen{Name: "VGA", Width: 1024, Height: 768, Work: rect{0, 0, 1024, 768}, Scale: 1}
	if size, x, y := fit(small, rect{}, defaultWindowSize, nil); size != fyne.NewSize(1024, 760) || x != 0 || y != 4 {
		t.Errorf("1024×768: %v at %d,%d", size, x, y)
	}
}

// A remembered placement comes back where it was, shrunk into a work
// area that has become smaller and moved back inside it.
func TestFitRemembered(t *testing.T) {
	p, ok := parsePlacement(placement{X: 100, Y: 50, Size: fyne.NewSize(800, 500)}.String())
	if !ok {
		t.Fatal("a placement does not read back")
	}
	big := screen{Name: "HDMI-1", Width: 1920, Height: 1080, Work: rect{1366, 0, 1920, 1040}, Scale: 1}
	if size, x, y := fit(big, rect{}, p.Size, &p); size != fyne.NewSize(800, 500) || x != 1466 || y != 50 {
		t.Errorf("as remembered: %v at %d,%d", size, x, y)
	}
	far := placement{X: 1500, Y: 900, Size: fyne.NewSize(1600, 900)}
	size, x, y := fit(laptop, rect{}, far.Size, &far)
	if size != fyne.NewSize(1366/1.25, 728/1.25) || x != 0 || y != 0 {
		t.Errorf("too large and off the screen: %v at %d,%d", size, x, y)
	}
	for _, bad := range []string{"", "1,2,3", "a,b,c,d", "1,2,0,5", "1,2,-4,5", "1,2,NaN,5", "1,2,800,Inf"} {
		if _, ok := parsePlacement(bad); ok {
			t.Errorf("%q read as a placement", bad)
		}
	}
}
