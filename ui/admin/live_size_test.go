package admin

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// A change of text size takes effect at once on every administration
// tab: each shows its texts at the sizes of tabs built afresh at the new
// size.
func TestAdminTextSizeChangesLive(t *testing.T) {
	fresh := walkAdminTabs(t, cttheme.ExtraLarge, false)
	live := walkAdminTabs(t, cttheme.Normal, true)
	if len(live) < 4 {
		t.Fatalf("only %d tabs walked", len(live))
	}
	for tab, got := range live {
		want := fresh[tab]
		compared := 0
		for text, sizes := range got {
			w, ok := want[text]
			if !ok {
				continue
			}
			compared++
			if !slices.Equal(sizes, w) {
				t.Errorf("%s: %q has the sizes %v after the change, %v in fresh tabs", tab, text, sizes, w)
			}
		}
		if compared < 3 {
			t.Errorf("%s: only %d texts to compare: %v", tab, compared, got)
		}
	}
}

// walkAdminTabs builds the secretariat's tabs at size z and shows each;
// with change, it changes the text size to extra large and shows each
// again. It returns, for each tab, the sizes of each text shown last.
func walkAdminTabs(t *testing.T, z cttheme.Size, change bool) map[string]map[string][]float32 {
	t.Helper()
	f := newFakeAdmin(app.RoleSecretariat)
	var a *Views
	var tabs *container.AppTabs
	w := testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		fyne.CurrentApp().Settings().SetTheme(cttheme.New(z))
		a = NewViews(f, w, "")
		tabs = container.NewAppTabs(a.Tabs()...)
		return tabs
	})
	w.Resize(fyne.NewSize(1400, 900))
	out := map[string]map[string][]float32{}
	visit := func() {
		for _, tab := range tabs.Items {
			tabs.Select(tab)
			a.Shown(tab.Content)
			settle()
			sizes := map[string][]float32{}
			uitest.ShownWalk(w.Canvas().Content(), func(o fyne.CanvasObject) {
				if txt, ok := o.(*canvas.Text); ok && strings.TrimSpace(txt.Text) != "" {
					sizes[txt.Text] = append(sizes[txt.Text], txt.TextSize)
				}
			})
			for _, s := range sizes {
				slices.Sort(s)
			}
			out[tab.Text] = sizes
		}
		tabs.SelectIndex(0)
		settle()
	}
	visit()
	if change {
		fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
		settle()
		visit()
	}
	return out
}
