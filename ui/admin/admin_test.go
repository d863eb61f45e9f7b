package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// A view shown once loads again after an import or a change of the
// programmes, when it is next shown.
func TestAdminViewsReloadAfterChanges(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	var a *Views
	testWindow(t, func(w fyne.Window) fyne.CanvasObject {
		a = NewViews(f, w, "")
		return a.Dashboard.Content()
	})
	for _, c := range []fyne.CanvasObject{a.Import.Content(), a.Invitations.Content(), a.Dashboard.Content()} {
		if !a.Shown(c) {
			t.Fatal("not an administration view")
		}
	}
	settle()
	calls := len(f.scopes)
	a.Shown(a.Dashboard.Content())
	settle()
	if len(f.scopes) != calls {
		t.Error("the dashboard loaded again without a change")
	}
	a.Programmes.OnChanged()
	a.Shown(a.Dashboard.Content())
	settle()
	if len(f.scopes) != calls+1 {
		t.Error("the dashboard did not load again after a change of the programmes")
	}
	a.Import.OnImported()
	a.Shown(a.Dashboard.Content())
	settle()
	if len(f.scopes) != calls+2 {
		t.Error("the dashboard did not load again after an import")
	}
	if a.Shown(widget.NewLabel("")) {
		t.Error("any content counts as an administration view")
	}
}
