package admin

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
	"crosstalk/ui/widgets"
)

// cutLabels lists the shown labels of o whose text is wider than the
// label: truncated with an ellipsis, or clipped.
func cutLabels(o fyne.CanvasObject) []string {
	var out []string
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
		l, ok := x.(*widget.Label)
		if !ok || l.Text == "" || l.Wrapping != fyne.TextWrapOff {
			return
		}
		size := theme.TextSize()
		if l.SizeName != "" {
			size = theme.Size(l.SizeName)
		}
		w := fyne.MeasureText(l.Text, size, l.TextStyle).Width + 2*theme.InnerPadding()
		if w > l.Size().Width+1 {
			out = append(out, l.Text)
		}
	})
	return out
}

// In extra large text, the lists of people and programmes show their
// lines whole in a window of 1000×800.
func TestAdminListsInExtraLargeText(t *testing.T) {
	_, iv, w := newInviteFixture(t, app.RoleHR)
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	iv.Refresh()
	settle()
	w.Resize(fyne.NewSize(1000, 800))
	if cut := cutLabels(iv.list); len(cut) > 0 {
		t.Errorf("invitations cut: %q", cut)
	}

	_, pv, w2 := newProgrammesFixture(t)
	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	pv.Refresh()
	settle()
	w2.Resize(fyne.NewSize(1000, 800))
	if cut := cutLabels(pv.cohortL); len(cut) > 0 {
		t.Errorf("programmes cut: %q", cut)
	}
}

// adminScreens are the window contents the administration must fit,
// window decorations aside: a 1024×768 screen, and a 1366×768 screen at
// 125 % scaling, which Fyne rounds to 1.3 (1051×591 of its units),
// less a title bar.
var adminScreens = []fyne.Size{{Width: 1024, Height: 728}, {Width: 1051, Height: 551}}

// adminFrame holds the administration tabs as the main window does:
// tabs on the leading side (with the settings' tab) above the status
// line, which stands in here as one line with a button.
func adminFrame(a *Views) (*container.AppTabs, fyne.CanvasObject) {
	items := append(slices.Clone(a.Tabs()), container.NewTabItemWithIcon("設定", theme.SettingsIcon(), widget.NewLabel("")))
	tabs := container.NewAppTabs(items...)
	tabs.SetTabLocation(container.TabLocationLeading)
	status := container.NewBorder(widget.NewSeparator(), nil, nil,
		widget.NewButtonWithIcon("お知らせ", theme.WarningIcon(), nil), widget.NewLabel("最新の状態です。"))
	return tabs, container.NewBorder(nil, status, nil, nil, tabs)
}

// placed visits o and what is shown inside it with their positions on
// the canvas; scrolled tells whether o lies inside a scroll (which can
// bring it into view).
func placed(o fyne.CanvasObject, at fyne.Position, scrolled bool, f func(o fyne.CanvasObject, at fyne.Position, scrolled bool)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o, at, scrolled)
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *container.Scroll:
		scrolled = true
		children = []fyne.CanvasObject{x.Content}
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		placed(c, at.Add(c.Position()), scrolled, f)
	}
}

// unreachable lists what one cannot reach in o, at the top left of a
// canvas of size area: each button, choice, entry or tick box outside
// it, and each scroll (which holds the rest) outside it.
func unreachable(o fyne.CanvasObject, area fyne.Size) []string {
	var out []string
	placed(o, fyne.NewPos(0, 0), false, func(x fyne.CanvasObject, at fyne.Position, scrolled bool) {
		var what string
		switch y := x.(type) {
		case *widget.Button:
			what = "button " + y.Text
		case *widget.Select:
			what = "choice " + y.Selected
		case *widget.Entry:
			what = "entry " + y.Text
		case *widget.Check:
			what = "tick box " + y.Text
		case *container.Scroll:
			if scrolled {
				return
			}
			what = "scroll"
		default:
			return
		}
		if scrolled && what != "scroll" {
			return
		}
		end := at.Add(x.Size())
		const slack = 1
		if at.X < -slack || at.Y < -slack || end.X > area.Width+slack || end.Y > area.Height+slack {
			out = append(out, fmt.Sprintf("%s at %v–%v", what, at, end))
		}
	})
	return out
}

// wantFits checks that w's content and dialogs fit its canvas, of size
// screen: no minimum size larger, nothing to tap outside it. It reports
// the largest minimum size seen.
func wantFits(t *testing.T, what string, w fyne.Window, screen fyne.Size) fyne.Size {
	t.Helper()
	pad := 2 * theme.Padding() // the window's padding
	largest := w.Content().MinSize().AddWidthHeight(pad, pad)
	if largest.Width > screen.Width || largest.Height > screen.Height {
		t.Errorf("%s: the window needs %v, more than %v", what, largest, screen)
	}
	for _, x := range unreachable(w.Content(), screen) {
		t.Errorf("%s: %s is outside the window", what, x)
	}
	for _, o := range w.Canvas().Overlays().List() {
		// The window lays an overlay out again once its dialog's
		// minimum size changed; the test canvas does not.
		o.Refresh()
		var box fyne.CanvasObject = o
		if p, ok := o.(*widget.PopUp); ok {
			box = p.Content
		}
		if m := box.MinSize(); m.Width > screen.Width || m.Height > screen.Height {
			t.Errorf("%s: the dialog needs %v, more than %v", what, m, screen)
		}
		largest = largest.Max(box.MinSize())
		for _, x := range unreachable(o, screen) {
			t.Errorf("%s: %s is outside the window", what, x)
		}
		uitest.ShownWalk(o, func(x fyne.CanvasObject) {
			if p, ok := x.(*widgets.Paragraph); ok && p.MinSize().Height > p.Size().Height+1 {
				t.Errorf("%s: the text %q is cut: %v high, needs %v", what, p.Text, p.Size().Height, p.MinSize().Height)
			}
		})
	}
	return largest
}

// closeDialogs closes every dialog shown in w.
func closeDialogs(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		o.Hide()
		w.Canvas().Overlays().Remove(o)
	}
	settle()
}

// The administration fits a 1024×768 screen and a 1366×768 one at 125 %,
// at every text size: every tab and every dialog, with nothing to tap
// outside the window.
func TestAdminFitsSmallScreens(t *testing.T) {
	for _, size := range cttheme.Sizes {
		largest := fyne.Size{}
		for _, screen := range adminScreens {
			for _, role := range []app.Role{app.RoleHR, app.RoleSecretariat} {
				t.Run(fmt.Sprintf("%s/%gx%g/%s", size, screen.Width, screen.Height, role), func(t *testing.T) {
					largest = largest.Max(checkAdminFits(t, size, screen, role))
				})
			}
		}
		t.Logf("text size %s: largest minimum %gx%g", size, largest.Width, largest.Height)
	}
}

// problemPreview is a preview of many rows, each with problems.
func problemPreview() roster.Preview {
	p := roster.Preview{Columns: importColumns}
	for i := range 40 {
		line := i + 2
		p.Rows = append(p.Rows, importRow(line, fmt.Sprintf("S%04d", i), "長い名前の 山本 和夫", "ながいなまえの やまもと かずお", "70-74", "2026年度 第1期", false))
		p.Problems = append(p.Problems, roster.Problem{Row: line, Column: roster.ColAgeBand, Index: 3, Code: roster.ProblemBadAgeBand, Value: "70-74"})
	}
	return p
}

func checkAdminFits(t *testing.T, size cttheme.Size, screen fyne.Size, role app.Role) fyne.Size {
	documentsHome(t) // where the file dialogs open
	f := newFakeAdmin(role)
	f.preview = problemPreview()
	f.dashboard.Programme = programmeShown()
	var a *Views
	var tabs *container.AppTabs
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		fyne.CurrentApp().Settings().SetTheme(cttheme.New(size))
		a = NewViews(f, w, "https://crosstalk.example.jp")
		var frame fyne.CanvasObject
		tabs, frame = adminFrame(a)
		return frame
	})
	w.Resize(screen)
	var largest fyne.Size
	check := func(what string) {
		t.Helper()
		settle()
		largest = largest.Max(wantFits(t, what, w, screen))
		closeDialogs(w)
	}
	show := func(i int) {
		tabs.SelectIndex(i)
		a.Shown(tabs.Items[i].Content)
		settle()
	}

	show(0)
	a.Import.Open("参加者一覧.csv", []byte("x"))
	check("the import with its preview")
	a.Import.openDialog()
	check("the file dialog")

	show(1)
	inv := a.Invitations
	if inv.company != nil {
		inv.company.Select("c-sakura")
		settle()
	}
	if cut := cutLabels(inv.list); len(cut) > 0 {
		t.Errorf("the invitations are cut: %q", cut)
	}
	check("the invitations")
	inv.selectNotJoined()
	inv.makeCodes()
	check("the invitations with new codes")
	inv.closeCodes()
	check("closing codes not saved")
	inv.ConfirmLeave(func() {})
	check("leaving codes not saved")
	inv.ConfirmQuit(func() {})
	check("quitting with codes not saved")
	inv.showCodes()
	check("the codes")
	if len(inv.people) < 2 {
		t.Fatalf("the invitations list %d people", len(inv.people))
	}
	i := slices.IndexFunc(inv.people, func(p app.Invitation) bool { return len(p.Devices) > 0 })
	inv.revokeInvite(inv.people[(i+1)%len(inv.people)])
	check("stopping a code")
	inv.showDevices(inv.people[i])
	check("the devices")
	inv.revokeDevice(inv.people[i], inv.people[i].Devices[0])
	check("stopping a device")

	show(2)
	check("the dashboard")
	a.Dashboard.saveFigures()
	check("the file dialog to save")

	if a.Programmes == nil {
		return largest
	}
	show(3)
	pv := a.Programmes
	if cut := cutLabels(pv.cohortL); len(cut) > 0 {
		t.Errorf("the programmes are cut: %q", cut)
	}
	check("the programmes")
	pv.tabs.SelectIndex(1)
	check("the companies")
	// A form shows its fields whole, in pages if need be.
	whole := func(what string, p *formPages) {
		t.Helper()
		for i := range p.pages {
			p.show(i)
			settle()
			if need, has := p.body.MinSize().Height, p.scroll.Size().Height; need > has+1 {
				t.Errorf("%s, page %d, scrolls: %v high, needs %v", what, i+1, has, need)
			}
			if !p.paged {
				break
			}
		}
	}
	pv.editCompany(f.companies[0])
	settle()
	whole("the company form", pv.companyForm.pages)
	check("the company form")
	pv.editCohort(f.cohorts[0])
	settle()
	whole("the programme form", pv.cohortForm.pages)
	check("the programme form")
	pv.editCohort(app.Cohort{Rules: app.DefaultRules})
	pv.cohortForm.start.open()
	check("the date picker")
	pv.editMembers(f.cohorts[0])
	check("the members")
	pv.editSurvey(f.cohorts[0])
	settle()
	whole("the review settings", pv.surveyForm.pages)
	check("the review settings")
	pv.setState(f.cohorts[0], app.CohortClosed)
	check("closing a programme")
	pv.setState(f.cohorts[1], app.CohortOpen)
	check("opening a programme")
	return largest
}
