package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// On a short window the notices take about half the height at most, and fold
// away to give the lists all of it; the button says how many they are.
func TestInboxNoticesFold(t *testing.T) {
	f := newInboxFixture(t, testNow)
	f.win.Resize(fyne.NewSize(820, 500))
	n := f.in.fold
	if n.count() == 0 {
		t.Fatal("the demo's inbox shows no notice")
	}
	if h := n.scroll.Size().Height; !n.scroll.Visible() || h <= 0 || h > 500*(noticesShare+noticesStretch) {
		t.Errorf("the notices are %v tall (shown %v) in a window 500 tall", h, n.scroll.Visible())
	}
	tabsTop := f.in.tabs.Position().Y

	test.Tap(n.toggle)
	if n.scroll.Visible() || f.in.tabs.Position().Y >= tabsTop {
		t.Errorf("folded: notices shown %v, lists at %v (were at %v)", n.scroll.Visible(), f.in.tabs.Position().Y, tabsTop)
	}
	if want := "お知らせを表示する（"; len(n.toggle.Text) < len(want) || n.toggle.Text[:len(want)] != want {
		t.Errorf("folded, the button says %q", n.toggle.Text)
	}

	test.Tap(n.toggle)
	if !n.scroll.Visible() || f.in.tabs.Position().Y != tabsTop || n.toggle.Text != "お知らせをたたむ" {
		t.Errorf("unfolded: notices shown %v, lists at %v, button %q", n.scroll.Visible(), f.in.tabs.Position().Y, n.toggle.Text)
	}
}

// The notices' area ends where a notice ends, whatever the window's
// height and the text size: it never cuts a notice across its lines.
func TestInboxNoticesEndWhole(t *testing.T) {
	for _, largest := range []bool{false, true} {
		f := newInboxFixture(t, testNow)
		if largest {
			largestText()
		}
		n := f.in.fold
		for _, height := range []float32{500, 600, 728, 768, 900} {
			f.win.Resize(fyne.NewSize(1024, height))
			frame(f.win.Canvas())
			h := n.scroll.Size().Height
			var ends []float32
			for _, o := range n.notices.Objects {
				if o.Visible() {
					ends = append(ends, o.Position().Y+o.Size().Height)
				}
			}
			whole := false
			for _, e := range ends {
				if e > h-0.5 && e < h+0.5 {
					whole = true
				}
			}
			if !whole || h > height*(noticesShare+noticesStretch) {
				t.Errorf("largest text %v, window %v tall: the notices' area is %v tall; the notices end at %v", largest, height, h, ends)
			}
		}
	}
}
