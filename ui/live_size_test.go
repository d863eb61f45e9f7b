package ui

import (
	"fmt"
	"reflect"

	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"

	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// A change of text size takes effect at once on every screen: after the
// change, each screen shows its texts at the sizes of a window built
// afresh at the new size, with nothing left at the old size.
func TestTextSizeChangesLive(t *testing.T) {
	testapp.Japanese(t)
	fresh := walkMainWindow(t, cttheme.ExtraLarge, nil)

	// The person chooses the size in the settings, as the desktop app
	// applies it: every other screen is out of sight then.
	live := walkMainWindow(t, cttheme.Normal, func(m *MainWindow, w fyne.Window, ui *dirUI) {
		m.tabs.Select(m.setTab)
		ui.settle()
		m.settings.size.SetSelected(lang.X(cttheme.ExtraLarge.TranslationKey(), "extra large"))
		ui.settle()
		if got := fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText); got != cttheme.New(cttheme.ExtraLarge).Size(fynetheme.SizeNameText) {
			t.Fatalf("the text size is %v after choosing extra large", got)
		}
	})
	old := oldOnlySizes(cttheme.Normal, cttheme.ExtraLarge)
	for _, s := range live.order {
		got, want := live.screens[s], fresh.screens[s]
		if want == nil {
			t.Errorf("%s: not seen in the fresh window", s)
			continue
		}
		compared := 0
		for text, sizes := range got {
			for _, z := range sizes {
				if old[z] {
					t.Errorf("%s: %q keeps the old size %v", s, text, z)
				}
			}
			w, ok := want[text]
			if !ok {
				continue // shown in one window only, such as a notice already seen
			}
			compared++
			if !slices.Equal(uniq(sizes), uniq(w)) {
				t.Errorf("%s: %q has the sizes %v after the change, %v in a fresh window", s, text, sizes, w)
			}
		}
		for _, cut := range live.cut[s] {
			t.Errorf("%s: %s", s, cut)
		}
		if compared < 3 {
			t.Errorf("%s: only %d texts to compare: %v", s, compared, got)
		}
	}
}

// sizeWalk is the texts each screen showed, with the sizes of each.
type sizeWalk struct {
	order   []string
	screens map[string]map[string][]float32
	cut     map[string][]string // the views' own widgets shown lower than they need
}

// walkMainWindow builds the demo user's main window at size z, visits
// every screen once, calls change (when set), and visits every screen
// again, noting the texts shown the second time.
func walkMainWindow(t *testing.T, z cttheme.Size, change func(*MainWindow, fyne.Window, *dirUI)) sizeWalk {
	t.Helper()
	a := testapp.New(t)
	a.Settings().SetTheme(cttheme.New(z))
	ui := dirQueueApp(t, a)
	svc := newTestServices(t)
	w := test.NewTempWindow(t, nil)
	acts := SettingsActions{SetTextSize: func(z cttheme.Size) { a.Settings().SetTheme(cttheme.New(z)) }}
	m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja", TextSize: z}, Actions: acts,
		Notifier: &fakeNotifier{prefs: a.Preferences()}})
	w.SetContent(m.Content())
	w.Resize(fyne.NewSize(1400, 900))
	m.DataChanged()
	ui.settle()
	closeOverlays(w)
	walk := sizeWalk{screens: map[string]map[string][]float32{}, cut: map[string][]string{}}
	visit := func(note bool) {
		see := func(name string) {
			ui.settle()
			frame(w.Canvas())
			if note {
				walk.order = append(walk.order, name)
				walk.screens[name] = textSizes(w.Canvas())
				walk.cut[name] = cutWidgets(w.Canvas())
			}
		}
		for _, tab := range m.tabs.Items {
			m.tabs.Select(tab)
			see("tab " + tab.Text)
			switch tab.Content {
			case m.inbox.Content():
				for _, in := range m.inbox.tabs.Items {
					m.inbox.tabs.Select(in)
					see("inbox " + in.Text)
				}
				m.inbox.tabs.SelectIndex(0)
			case m.directory.Content():
				if len(m.directory.results) == 0 {
					t.Fatal("the directory lists nobody")
				}
				m.directory.list.Select(0)
				see("profile card")
				m.directory.list.UnselectAll()
			case m.calendar.Content():
				m.calendar.ShowTalk(comingTalk(t, svc, 30))
				see("talk detail")
				m.calendar.showAgenda()
				see("calendar again")
			}
		}
		m.tabs.SelectIndex(0)
		ui.settle()
	}
	visit(false)
	if change != nil {
		change(m, w, ui)
	}
	visit(true)
	return walk
}

// textSizes lists, for each text shown on c, the sizes it is shown at.
func textSizes(c fyne.Canvas) map[string][]float32 {
	out := map[string][]float32{}
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		uitest.ShownWalk(root, func(o fyne.CanvasObject) {
			if txt, ok := o.(*canvas.Text); ok && strings.TrimSpace(txt.Text) != "" {
				out[txt.Text] = append(out[txt.Text], txt.TextSize)
			}
		})
	}
	return out
}

// cutWidgets lists CrossTalk's own widgets shown on c lower than their
// least height: a size worked out once, at the old text size, would cut
// them (a list's rows are as high as its first row was).
func cutWidgets(c fyne.Canvas) []string {
	var out []string
	for _, root := range append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...) {
		uitest.ShownWalk(root, func(o fyne.CanvasObject) {
			typ := reflect.TypeOf(o)
			if _, ok := o.(fyne.Widget); !ok || typ.Kind() != reflect.Pointer || !strings.HasPrefix(typ.Elem().PkgPath(), "crosstalk/") {
				return
			}
			if s, m := o.Size(), o.MinSize(); s.Height+0.5 < m.Height {
				out = append(out, fmt.Sprintf("%T is %v high, less than its least %v", o, s.Height, m.Height))
			}
		})
	}
	return out
}

// oldOnlySizes are the text sizes of theme from that theme to does not
// have: a text shown at one of them after the change was left behind.
func oldOnlySizes(from, to cttheme.Size) map[float32]bool {
	names := []fyne.ThemeSizeName{fynetheme.SizeNameText, fynetheme.SizeNameCaptionText,
		fynetheme.SizeNameSubHeadingText, fynetheme.SizeNameHeadingText}
	old := map[float32]bool{}
	for _, n := range names {
		old[cttheme.New(from).Size(n)] = true
	}
	for _, n := range names {
		delete(old, cttheme.New(to).Size(n))
	}
	return old
}

// uniq sorts the sizes and drops repeats.
func uniq(s []float32) []float32 {
	s = slices.Clone(s)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return slices.Compact(s)
}
