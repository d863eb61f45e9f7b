package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// Every dialog of the participant fits the window with the largest text
// on a small screen: 1024×768 less a taskbar, and 1366×768 at 125 %
// scaling. The dialog lies inside the window, and so does every button
// it shows (a button inside a scroll is reachable when the scroll
// itself lies inside the window), the send buttons first of all.

// smallScreens are the windows every dialog must fit: 1024×768 less a
// title bar, and 1366×768 at 125 % (1051×591 in Fyne's units, which
// rounds the scale to 1.3) less a title bar.
var smallScreens = []fyne.Size{{Width: 1024, Height: 728}, {Width: 1051, Height: 551}}

// forSmallScreens runs test once for each of smallScreens.
func forSmallScreens(t *testing.T, test func(t *testing.T, size fyne.Size)) {
	for _, size := range smallScreens {
		t.Run(fmt.Sprintf("%gx%g", size.Width, size.Height), func(t *testing.T) { test(t, size) })
	}
}

// largestText switches the app to the largest text size.
func largestText() { fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge)) }

// wantFits fails unless the dialog on top of w, its least size included,
// lies inside w's canvas with every button it shows, and unless each of
// want (its buttons, or a box to write in) is in view without scrolling.
func wantFits(t *testing.T, w fyne.Window, what string, want ...fyne.CanvasObject) {
	t.Helper()
	c := w.Canvas()
	frame(c)
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("%s: no dialog is shown", what)
	}
	var box fyne.CanvasObject // the dialog, inside the overlay that darkens the window
	walkShown(top, nil, func(o fyne.CanvasObject, _ *container.Scroll) {
		if p, ok := o.(*widget.PopUp); ok && box == nil {
			box = p.Content
		}
	})
	if box == nil {
		t.Fatalf("%s: the overlay holds no pop-up", what)
	}
	cs := c.Size()
	if m := box.MinSize(); m.Width > cs.Width || m.Height > cs.Height {
		t.Errorf("%s: needs at least %v, the window is %v", what, m, cs)
	}
	driver := fyne.CurrentApp().Driver()
	inside := func(o fyne.CanvasObject) bool {
		p, s := driver.AbsolutePositionForObject(o), o.Size()
		const slack = 0.5 // rounding
		return p.X >= -slack && p.Y >= -slack && p.X+s.Width <= cs.Width+slack && p.Y+s.Height <= cs.Height+slack
	}
	if !inside(box) {
		t.Errorf("%s: the dialog at %v, %v is not inside the window %v", what, driver.AbsolutePositionForObject(box), box.Size(), cs)
	}
	seen := map[fyne.CanvasObject]bool{} // what is in view without scrolling
	walkShown(box, nil, func(o fyne.CanvasObject, scroll *container.Scroll) {
		if scroll == nil && inside(o) || scroll != nil && within(o, scroll) {
			seen[o] = true
		}
		switch x := o.(type) {
		case *widget.Button:
			if scroll == nil && !inside(x) {
				t.Errorf("%s: button %q at %v, %v is outside the window %v", what, x.Text, driver.AbsolutePositionForObject(x), x.Size(), cs)
			}
		case *container.Scroll:
			if scroll == nil && !inside(x) {
				t.Errorf("%s: a scroll at %v, %v is outside the window %v", what, driver.AbsolutePositionForObject(x), x.Size(), cs)
			}
		}
	})
	for _, o := range want {
		if o == nil || !seen[o] {
			t.Errorf("%s: not in view: %T %v", what, o, o)
		}
	}
}

// wantParagraph is the paragraph of the dialog on top of w, which must
// say text, with room for all its lines: a paragraph sets its lines one
// and a half times the text size apart and breaks them as Japanese is
// set, where Fyne's own dialogs set them close together.
func wantParagraph(t *testing.T, w fyne.Window, what, text string) *widgets.Paragraph {
	t.Helper()
	frame(w.Canvas())
	p := findShown[*widgets.Paragraph](w.Canvas().Overlays().Top())
	if p == nil || p.Text != text {
		t.Fatalf("%s: no paragraph says %q: %q", what, text, uitest.ShownTexts(w.Canvas().Overlays().Top()))
	}
	if s, m := p.Size(), p.MinSize(); s.Height < m.Height-0.5 {
		t.Errorf("%s: the text is cut: %v high, its lines %v", what, s.Height, m.Height)
	}
	return p
}

// walkShown visits o and what it shows, each with the innermost scroll
// that holds it (nil for none), starting in scroll.
func walkShown(o fyne.CanvasObject, scroll *container.Scroll, f func(fyne.CanvasObject, *container.Scroll)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o, scroll)
	switch x := o.(type) {
	case *container.Scroll:
		walkShown(x.Content, x, f)
	case *fyne.Container:
		for _, c := range x.Objects {
			walkShown(c, scroll, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkShown(c, scroll, f)
		}
	}
}

// within reports whether o lies in the part of scroll's content in view.
func within(o fyne.CanvasObject, scroll *container.Scroll) bool {
	d := fyne.CurrentApp().Driver()
	p, s := d.AbsolutePositionForObject(o), o.Size()
	sp, ss := d.AbsolutePositionForObject(scroll), scroll.Size()
	const slack = 0.5
	return p.X >= sp.X-slack && p.Y >= sp.Y-slack && p.X+s.Width <= sp.X+ss.Width+slack && p.Y+s.Height <= sp.Y+ss.Height+slack
}

// topButton is the button labelled with key's text on the dialog shown
// last.
func topButton(t *testing.T, w fyne.Window, key string) *widget.Button {
	t.Helper()
	b := canvasButton(w.Canvas(), lang.X(key, key))
	if b == nil {
		t.Fatalf("no button %q: %q", lang.X(key, key), uitest.ShownTexts(w.Canvas().Overlays().Top()))
	}
	return b
}

// The offer dialog's three pages, with three times, fit; its send button
// is in the window.
func TestOfferDialogFitsSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		ui := newDirUI(t)
		largestText()
		svc := newTestServices(t)
		d, w := newDirectoryWindow(t, ui, svc)
		w.Resize(size)
		dirSearch(t, ui, d, "いのうえ ひでき")
		c := dirTapPerson(t, ui, d, w, "井上 秀樹")
		test.Tap(c.send)
		dlg := c.dialog
		wantFits(t, w, "the times", dlg.cancel, dlg.toMessage)
		a := time.Date(2026, 12, 1, 15, 0, 0, 0, app.Tokyo)
		chooseOffer(t, dlg, a, a.AddDate(0, 0, 1), a.AddDate(0, 0, 2))
		wantFits(t, w, "three times", append(tall(size, dlg.slots), dlg.cancel, dlg.toMessage)...)
		// The month view that chooses a day fits too.
		test.Tap(dlg.slots.Pickers()[2].DayButton())
		wantFits(t, w, "the month view", canvasButton(w.Canvas(), "キャンセル"))
		test.Tap(canvasButton(w.Canvas(), "キャンセル"))
		test.Tap(dlg.toMessage)
		wantFits(t, w, "the message", append(tall(size, dlg.modeGroup, dlg.text), dlg.backToTimes, dlg.next)...)
		offerNext(dlg)
		ui.until(t, "the summary", func() bool { return !c.busy() })
		wantFits(t, w, "the summary", dlg.back, dlg.send)
	})
}

// tall is content that must be in view on a screen as tall as 1024×768;
// on a shorter one (1366×768 at 125 %, the title bar aside) a
// page's content may scroll above its buttons, which stay in view.
func tall(size fyne.Size, content ...fyne.CanvasObject) []fyne.CanvasObject {
	if size.Height >= 700 {
		return content
	}
	return nil
}

// The survey's two pages fit, the button for a talk that did not take
// place included.
func TestSurveyFitsSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		f := newSurveyFixture(t, testNow.AddDate(0, 0, 8))
		largestText()
		f.win.Resize(size)
		var k app.TalkItem
		for _, d := range f.due(t) {
			if d.State == app.TalkScheduled {
				k = d
			}
		}
		f.open(k)
		wantFits(t, f.win, "the first question", append(tall(size, f.dlg.noShow), f.dlg.later, f.dlg.next)...)
		test.Tap(f.dlg.satisfaction.buttons[6])
		test.Tap(f.dlg.next)
		wantFits(t, f.win, "the second question", f.dlg.later, f.dlg.back, f.dlg.next)
		test.Tap(f.dlg.recommend.buttons[10])
		test.Tap(f.dlg.next)
		wantFits(t, f.win, "the comment", f.dlg.comment, f.dlg.later, f.dlg.back, f.dlg.send)
	})
}

// Accepting, proposing other times, declining and withdrawing fit, and
// so do their confirmations.
func TestOfferAnswersFitSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		f := newInboxFixture(t, testNow)
		largestText()
		f.win.Resize(size)
		it := f.received(t)

		test.Tap(f.card(0, it.ID).accept)
		settle()
		wantFits(t, f.win, "accepting", topButton(t, f.win, "dialog.cancel"), topButton(t, f.win, "accept.submit"))
		f.tap(t, lang.X("dialog.cancel", ""))

		test.Tap(f.card(0, it.ID).counter)
		settle()
		e := findShown[*widgets.SlotsEditor](f.top(t))
		day := app.StartOfDay(testNow).AddDate(0, 0, 2)
		e.SetStarts([]time.Time{day.Add(10 * time.Hour), day.AddDate(0, 0, 1).Add(14 * time.Hour), day.AddDate(0, 0, 2).Add(9 * time.Hour)})
		wantFits(t, f.win, "proposing other times", topButton(t, f.win, "dialog.cancel"), topButton(t, f.win, "counter.submit"))
		f.tap(t, lang.X("counter.submit", ""))
		settle()
		wantFits(t, f.win, "the times proposed", topButton(t, f.win, "answer.back"), topButton(t, f.win, "counter.confirm_yes"))
		f.tap(t, lang.X("answer.back", ""))
		f.tap(t, lang.X("dialog.cancel", ""))

		test.Tap(f.card(0, it.ID).decline)
		settle()
		wantFits(t, f.win, "declining", topButton(t, f.win, "dialog.cancel"), topButton(t, f.win, "decline.submit"))
		findShown[*widget.RadioGroup](f.top(t)).SetSelected(declineChoiceText(app.DeclineReasons[0]))
		f.tap(t, lang.X("decline.submit", ""))
		yes := topButton(t, f.win, "decline.confirm_yes")
		wantFits(t, f.win, "the last question before declining", topButton(t, f.win, "answer.back"), yes)
		if yes.Importance != widget.DangerImportance {
			t.Errorf("the last 辞退する is of importance %v, not red", yes.Importance)
		}
		f.tap(t, lang.X("answer.back", ""))
		f.tap(t, lang.X("dialog.cancel", ""))

		mine := f.items(t, app.BoxTheirAnswer)[0]
		f.selectList(app.BoxTheirAnswer)
		test.Tap(f.card(listOf(app.BoxTheirAnswer), mine.ID).withdraw)
		wantFits(t, f.win, "withdrawing", topButton(t, f.win, "answer.back"), topButton(t, f.win, "withdraw.submit"))
	})
}

// Cancelling a talk, proposing a new time and agreeing to the other's
// proposal fit.
func TestTalkDialogsFitSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		f := newCalendarFixture(t)
		largestText()
		f.win.Resize(size)
		d, k, settled := f.openTalk(t, app.Date(2026, 12, 1))

		test.Tap(d.cancel)
		d.reasons.SetSelected(d.reasons.Options[len(d.reasons.Options)-1])
		wantFits(t, f.win, "cancelling", d.keepTalk, d.confirmCancel)
		if d.confirmCancel.Importance != widget.DangerImportance {
			t.Error("cancelling the talk is not red")
		}
		test.Tap(d.keepTalk)

		test.Tap(d.move)
		settled.wait(t, "reading the programme period")
		d.picker.SetStart(k.Start)
		test.Tap(d.confirmMove) // refused, in words: the dialog stays open, taller
		if !d.moveError.Visible() {
			t.Fatal("the talk's own time was not refused")
		}
		wantFits(t, f.win, "proposing a new time", d.keepTime, d.confirmMove)
		test.Tap(d.keepTime)

		test.Tap(d.acceptTime)
		settle() // the clash warning
		wantFits(t, f.win, "agreeing to the new time", d.acceptBack, d.confirmAccept)
		test.Tap(d.acceptBack)
	})
}

// About, stopping a device, signing out and the notice of a new device
// fit; signing out's last button is red.
func TestSettingsDialogsFitSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		testapp.Japanese(t)
		testapp.New(t)
		largestText()
		w := test.NewTempWindow(t, nil)
		s := NewSettings(w, SettingsState{TextSize: cttheme.ExtraLarge, Language: "ja", Version: "0.1.0", About: aboutInfo()},
			SettingsActions{SignOut: func() {}, RevokeDevice: func(ctx context.Context, id string) error { return nil },
				CopyDiagnostics: func() string { return "diagnostics" }})
		w.SetContent(s.Content())
		w.Resize(size)

		about := ShowAbout(aboutInfo(), w)
		wantFits(t, w, "about", topButton(t, w, "about.close"))
		about.Hide()

		s.SetDevices(app.MyDevices{This: officePC.ID, Devices: []app.DeviceInfo{officePC, strangerPC}})
		test.Tap(uitest.ShownButton(s.Content(), lang.X("settings.devices.revoke", "")))
		yes := topButton(t, w, "settings.devices.revoke.yes")
		wantFits(t, w, "stopping a device", topButton(t, w, "settings.devices.revoke.no"), yes)
		test.Tap(topButton(t, w, "settings.devices.revoke.no"))

		s.confirmSignOut()
		yes = topButton(t, w, "settings.sign_out")
		question := wantParagraph(t, w, "signing out", lang.X("settings.sign_out.confirm", ""))
		wantFits(t, w, "signing out", append(tall(size, question), yes)...)
		if yes.Importance != widget.DangerImportance {
			t.Errorf("the last サインアウト is of importance %v, not red", yes.Importance)
		}
		test.Tap(canvasButton(w.Canvas(), lang.L("No")))

		test.Tap(uitest.ShownButton(s.Content(), lang.X("settings.diagnostics", "")))
		copied := wantParagraph(t, w, "the support information copied", lang.X("settings.diagnostics.done", ""))
		wantFits(t, w, "the support information copied", copied, topButton(t, w, "OK"))
		test.Tap(topButton(t, w, "OK"))

		status := NewStatusLine(w)
		w.SetContent(status)
		status.SetDevices([]app.DeviceInfo{strangerPC, homePC})
		test.Tap(status.devices)
		wantFits(t, w, "the notice of new devices", topButton(t, w, "dialog.close"), topButton(t, w, "devices.notice.ok"))
	})
}

// The question before closing with the profile's changes not saved
// fits, its text in view on a screen as tall as 1024×768.
func TestClosingQuestionFitsSmallScreens(t *testing.T) {
	forSmallScreens(t, func(t *testing.T, size fyne.Size) {
		m, w, _, ui := profileWindow(t)
		largestText()
		w.Resize(size)
		m.profile.kana.SetText("たなか まこと")
		ui.settle()
		m.ConfirmClose(func() {})
		question := wantParagraph(t, w, "closing", lang.X("unsaved.close", ""))
		wantFits(t, w, "closing", append(tall(size, question), topButton(t, w, "unsaved.back"), topButton(t, w, "unsaved.close_yes"))...)
	})
}
