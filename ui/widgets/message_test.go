package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
	cttheme "crosstalk/ui/theme"
)

// shownMessage is the paragraph and the scroll that holds it in the
// dialog on top of w, and the dialog's box.
func shownMessage(t *testing.T, w fyne.Window) (*Paragraph, *container.Scroll, fyne.CanvasObject) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var p *Paragraph
	var scroll *container.Scroll
	var box fyne.CanvasObject
	for _, o := range append([]fyne.CanvasObject{top}, test.LaidOutObjects(top)...) {
		switch x := o.(type) {
		case *widget.PopUp:
			box = x.Content
		case *container.Scroll:
			if q, ok := x.Content.(*Paragraph); ok {
				p, scroll = q, x
			}
		}
	}
	if p == nil || box == nil {
		t.Fatal("the dialog shows no paragraph in a scroll")
	}
	return p, scroll, box
}

// largeTextWindow is a window of 1024×728, a small screen less its
// taskbar and title bar, at the largest text size, in Japanese.
func largeTextWindow(t *testing.T) fyne.Window {
	testapp.Japanese(t)
	a := testapp.New(t)
	a.Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1024, 728))
	return w
}

// inside reports whether o lies inside w's canvas.
func inside(w fyne.Window, o fyne.CanvasObject) bool {
	p, s, cs := fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size(), w.Canvas().Size()
	const slack = 0.5 // rounding
	return p.X >= -slack && p.Y >= -slack && p.X+s.Width <= cs.Width+slack && p.Y+s.Height <= cs.Height+slack
}

// lineTops is where each line of p starts, from the top, and the text
// size of its lines.
func lineTops(p *Paragraph) (ys []float32, size float32) {
	for _, o := range test.LaidOutObjects(p) {
		if tx, ok := o.(*canvas.Text); ok {
			ys = append(ys, tx.Position().Y)
			size = tx.TextSize
		}
	}
	return ys, size
}

// A message is set as a paragraph, its lines one and a half times the
// text size apart, in a dialog that fits a 1024×728 window at the
// largest text with all its lines and its button in view. On a window
// too short for it, its text scrolls and the button stays in view. A
// short message makes a dialog no wider than it needs.
func TestMessageFitsTheWindow(t *testing.T) {
	w := largeTextWindow(t)

	text := strings.Join(sentences[:3], "")
	d := ShowMessage("お知らせ", text, w)
	p, scroll, box := shownMessage(t, w)
	if p.Text != text {
		t.Errorf("the paragraph says %q", p.Text)
	}
	ys, size := lineTops(p)
	if len(ys) < 3 {
		t.Fatalf("%d lines, want several", len(ys))
	}
	for i := 1; i < len(ys); i++ {
		if pitch := ys[i] - ys[i-1]; pitch < LinePitch*size-0.5 {
			t.Errorf("lines %v apart at text size %v, want %v", pitch, size, LinePitch*size)
		}
	}
	if !inside(w, box) {
		t.Errorf("the dialog (%v) is not inside the window", box.Size())
	}
	if widest := messageEms*size + dialogInset + 2*theme.Padding(); box.Size().Width > widest {
		t.Errorf("the dialog is %v wide, more than %v", box.Size().Width, widest)
	}
	if ok := buttonIn(box, "OK"); ok == nil || !inside(w, ok) {
		t.Error("the OK button is not in the window")
	}
	if h := p.MinSize().Height; h > scroll.Size().Height+0.5 {
		t.Errorf("the text (%v high) scrolls in %v on a window large enough", h, scroll.Size().Height)
	}
	d.Hide()

	w.Resize(fyne.NewSize(1024, 300))
	long := strings.Join(sentences, "")
	ShowMessage("お知らせ", long, w)
	p, scroll, box = shownMessage(t, w)
	if !inside(w, box) {
		t.Errorf("on a short window, the dialog (%v) is not inside the window", box.Size())
	}
	if ok := buttonIn(box, "OK"); ok == nil || !inside(w, ok) {
		t.Error("on a short window, the OK button is not in the window")
	}
	if p.MinSize().Height <= scroll.Size().Height {
		t.Errorf("on a short window, the text (%v high) does not scroll in %v", p.MinSize().Height, scroll.Size().Height)
	}
	test.Tap(buttonIn(box, "OK"))

	w.Resize(fyne.NewSize(1024, 728))
	ShowMessage("保存", "保存しました。", w)
	p, _, box = shownMessage(t, w)
	if ys, _ := lineTops(p); len(ys) != 1 {
		t.Errorf("a short message takes %d lines", len(ys))
	}
	if box.Size().Width > 512 {
		t.Errorf("a short message makes a dialog %v wide", box.Size().Width)
	}
}

// A question is set as a paragraph too; the button to go on is red when
// what it does cannot be undone, and the answer is given to done.
func TestConfirm(t *testing.T) {
	w := largeTextWindow(t)

	for _, danger := range []bool{false, true} {
		var answers []bool
		ShowConfirm("確認", sentences[1], "止める", "戻る", danger, func(ok bool) { answers = append(answers, ok) }, w)
		p, _, box := shownMessage(t, w)
		if p.Text != sentences[1] {
			t.Errorf("the paragraph says %q", p.Text)
		}
		yes, no := buttonIn(box, "止める"), buttonIn(box, "戻る")
		if yes == nil || no == nil || !inside(w, yes) || !inside(w, no) {
			t.Fatalf("danger %v: the buttons are not in the window", danger)
		}
		want := widget.HighImportance
		if danger {
			want = widget.DangerImportance
		}
		if yes.Importance != want {
			t.Errorf("danger %v: the button to go on is of importance %v", danger, yes.Importance)
		}
		test.Tap(yes)
		if len(answers) != 1 || !answers[0] {
			t.Errorf("danger %v: going on answered %v", danger, answers)
		}
	}
}
