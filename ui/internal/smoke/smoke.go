// Package smoke walks the app's dialogs in its real window, for
// .ci/gui-smoke: each step taps the button a person would tap (found by
// its text, shown and enabled, through the widget's own Tapped), waits
// for the dialog to appear, has its picture taken, and closes it with
// its own button. The headless test driver never drew these dialogs; the
// walk runs in the real GLFW window, so a dialog that crashes the app, or
// does not appear, is seen.
//
// Only builds with the smoke tag use it (crosstalk/ui/desktop's
// smoke_on.go): the released app has no walk.
package smoke

import (
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/widgets"
)

// Step is one act of a walk. A step with a Name opens a dialog: Open
// acts, the walk waits for a new dialog (or, when Shown, for any dialog:
// one the app shows by itself), takes its picture, runs Check, then
// Close (or taps the dialog's first closing button, see Runner). A step
// without a Name only moves about: Open acts, and the walk waits
// Runner.Settle.
type Step struct {
	Name  string
	Shown bool
	// Keep leaves the dialog open: the next step acts in it.
	Keep bool
	// Ready, for a step without a Name, is what the walk waits for (up
	// to Wait, 10 s when zero) before the next step, instead of Settle.
	Ready func() bool
	Wait  time.Duration
	// Shot, for a step without a Name, is the name of the picture
	// taken of the view once it is ready (see Runner.Picture).
	Shot string
	Open func(r *Runner) error
	// Check looks at the dialog or acts in it, on the UI goroutine, and
	// calls done when it is over; it must not block.
	Check func(r *Runner, dialog fyne.CanvasObject, done func(error))
	Close func(r *Runner, dialog fyne.CanvasObject) error
}

// Runner walks steps in Win.
type Runner struct {
	Win     fyne.Window
	Dir     string                  // where the walk may write files
	Shoot   func(name string) error // takes the picture of the screen
	Out     io.Writer               // one line per dialog opened
	Settle  time.Duration           // how long a dialog or a view is given to draw
	Closers []string                // the texts of the buttons that close a dialog, tried in order
	// Place tells where the window lies on its screen; with it, each
	// picture's window and dialogs are checked to fit the screen (see
	// Fit). Nil checks nothing.
	Place func() (Place, error)

	opened  int
	largest fyne.Size
	misfits map[string]bool
}

// Opened counts the dialogs opened so far.
func (r *Runner) Opened() int { return r.opened }

// Largest is the largest minimum width and height of the window and
// the dialogs the pictures so far showed.
func (r *Runner) Largest() fyne.Size { return r.largest }

// Misfits counts the different things that did not fit the screen in
// the pictures so far.
func (r *Runner) Misfits() int { return len(r.misfits) }

// Picture takes the picture name of the screen and checks that the
// window and its dialogs fit the screen: it prints a line "unfit NAME:
// what" for each thing that does not, once (a window too wide for the
// screen is told at its first picture only).
func (r *Runner) Picture(name string) error {
	if err := r.Shoot(name); err != nil {
		return err
	}
	if r.Place == nil {
		return nil
	}
	p, err := r.Place()
	if err != nil {
		return fmt.Errorf("where the window is: %w", err)
	}
	f := Fit(r.Win, p)
	r.largest = r.largest.Max(f.Largest)
	if r.misfits == nil {
		r.misfits = map[string]bool{}
	}
	for _, m := range f.Misfits {
		if !r.misfits[m] {
			r.misfits[m] = true
			fmt.Fprintf(r.Out, "unfit %s: %s\n", name, m)
		}
	}
	return nil
}

// Run walks steps on the UI goroutine and calls done at the end, with the
// first error.
func (r *Runner) Run(steps []Step, done func(error)) {
	var step func(i int)
	step = func(i int) {
		if i == len(steps) {
			done(nil)
			return
		}
		s := steps[i]
		fail := func(err error) { done(fmt.Errorf("step %d %q: %w", i+1, s.Name, err)) }
		before := r.Top()
		if s.Shown {
			before = nil
		}
		if s.Open == nil {
			s.Open = func(*Runner) error { return nil }
		}
		if err := s.Open(r); err != nil {
			fail(err)
			return
		}
		if s.Name == "" {
			next := func() {
				if s.Shot != "" {
					if err := r.Picture(s.Shot); err != nil {
						fail(err)
						return
					}
				}
				step(i + 1)
			}
			if s.Ready == nil {
				r.after(r.Settle, next)
				return
			}
			wait := s.Wait
			if wait == 0 {
				wait = 10 * time.Second
			}
			r.Until(wait, s.Ready, func(ok bool) {
				if !ok {
					fail(fmt.Errorf("the view did not become ready; it shows %q", Texts(r.Win.Content())))
					return
				}
				r.after(r.Settle/2, next)
			})
			return
		}
		r.Until(5*time.Second, func() bool { t := r.Top(); return t != nil && t != before && t.Visible() }, func(ok bool) {
			if !ok {
				fail(fmt.Errorf("no dialog appeared"))
				return
			}
			r.after(r.Settle, func() {
				d := r.Top()
				r.opened++
				name := fmt.Sprintf("%02d-%s", r.opened, s.Name)
				if err := r.Picture(name); err != nil {
					fail(err)
					return
				}
				fmt.Fprintf(r.Out, "dialog %s: %s (minimum %s) in a window of %s\n", s.Name,
					size(DialogSize(d)), size(DialogMinSize(d)), size(r.Win.Canvas().Size()))
				r.checkAndClose(s, d, fail, func() { step(i + 1) })
			})
		})
	}
	step(0)
}

// checkAndClose runs the step's check, then closes its dialog d and waits
// until it is gone.
func (r *Runner) checkAndClose(s Step, d fyne.CanvasObject, fail func(error), next func()) {
	if s.Check != nil {
		check := s.Check
		s.Check = nil
		check(r, d, func(err error) {
			if err != nil {
				fail(err)
				return
			}
			r.checkAndClose(s, d, fail, next)
		})
		return
	}
	if s.Keep {
		r.after(r.Settle/4, next)
		return
	}
	close := s.Close
	if close == nil {
		close = (*Runner).closeDialog
	}
	if err := close(r, d); err != nil {
		fail(err)
		return
	}
	r.Until(5*time.Second, func() bool { return !r.Shown(d) }, func(ok bool) {
		if !ok {
			fail(fmt.Errorf("the dialog did not close"))
			return
		}
		r.after(r.Settle/4, next)
	})
}

// CloseTop is a step that closes the dialog on top, one a step kept open.
func CloseTop() Step {
	return Step{Open: func(r *Runner) error {
		d := r.Top()
		if d == nil {
			return fmt.Errorf("no dialog is shown")
		}
		return r.closeDialog(d)
	}}
}

// closeDialog taps the first of r.Closers that d shows.
func (r *Runner) closeDialog(d fyne.CanvasObject) error {
	for _, text := range r.Closers {
		if b := Button(d, text); b != nil && !b.Disabled() { // a greyed-out 戻る closes nothing
			b.Tapped(&fyne.PointEvent{})
			return nil
		}
	}
	return fmt.Errorf("no button closes the dialog; it shows the buttons %q", Buttons(d))
}

// Top is the dialog on top of the window, or nil.
func (r *Runner) Top() fyne.CanvasObject { return r.Win.Canvas().Overlays().Top() }

// Shown reports whether d is still among the window's dialogs, shown.
func (r *Runner) Shown(d fyne.CanvasObject) bool {
	for _, o := range r.Win.Canvas().Overlays().List() {
		if o == d && o.Visible() {
			return true
		}
	}
	return false
}

// Tap taps the button with text in o (the window's content when o is
// nil), which must be shown and enabled.
func (r *Runner) Tap(o fyne.CanvasObject, text string) error {
	if o == nil {
		o = r.Win.Content()
	}
	b := Button(o, text)
	if b == nil {
		return fmt.Errorf("no button %q is shown; the buttons are %q", text, Buttons(o))
	}
	if b.Disabled() {
		return fmt.Errorf("the button %q is disabled", text)
	}
	b.Tapped(&fyne.PointEvent{})
	return nil
}

// TapButton taps b, which must be shown and enabled.
func (r *Runner) TapButton(b *widget.Button) error {
	if b == nil || !b.Visible() {
		return fmt.Errorf("the button is not shown")
	}
	if b.Disabled() {
		return fmt.Errorf("the button %q is disabled", b.Text)
	}
	b.Tapped(&fyne.PointEvent{})
	return nil
}

// Until calls then(true) on the UI goroutine once cond holds, checking it
// every 100 ms, or then(false) after within.
func (r *Runner) Until(within time.Duration, cond func() bool, then func(bool)) {
	deadline := time.Now().Add(within)
	var check func()
	check = func() {
		if cond() {
			then(true)
			return
		}
		if time.Now().After(deadline) {
			then(false)
			return
		}
		r.after(100*time.Millisecond, check)
	}
	check()
}

// after calls f on the UI goroutine after d.
func (r *Runner) after(d time.Duration, f func()) {
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// Walk visits o and everything shown inside it.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, f)
		}
	}
}

// Find is the first object of type T shown in o.
func Find[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	var found T
	ok := false
	Walk(o, func(x fyne.CanvasObject) {
		if t, is := x.(T); is && !ok {
			found, ok = t, true
		}
	})
	return found, ok
}

// Button is the button with text shown in o, or nil.
func Button(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	Walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// Buttons lists the texts of the buttons shown in o.
func Buttons(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text != "" {
			out = append(out, b.Text)
		}
	})
	return out
}

// Chooser is the file dialog shown in o.
func Chooser(o fyne.CanvasObject) (*widgets.FileChooser, error) {
	c, ok := Find[*widgets.FileChooser](o)
	if !ok {
		return nil, fmt.Errorf("the dialog is no file dialog; it shows the buttons %q", Buttons(o))
	}
	return c, nil
}

// DialogSize is the size of the dialog d shows: a dialog's overlay covers
// the window, and the pop-up in it holds the dialog.
func DialogSize(d fyne.CanvasObject) fyne.Size {
	if p, ok := Find[*widget.PopUp](d); ok && p.Content != nil {
		return p.Content.Size()
	}
	return d.Size()
}

// DialogMinSize is the minimum size of the dialog d shows.
func DialogMinSize(d fyne.CanvasObject) fyne.Size {
	if p, ok := Find[*widget.PopUp](d); ok && p.Content != nil {
		return p.MinSize()
	}
	return d.MinSize()
}

// Texts lists the texts shown in o: labels, paragraphs and buttons.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(x fyne.CanvasObject) {
		switch v := x.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, "["+v.Text+"]")
		case *widgets.Paragraph:
			out = append(out, v.Text)
		}
	})
	return out
}
