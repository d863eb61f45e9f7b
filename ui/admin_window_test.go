package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

func tabTexts(m *MainWindow) []string {
	var out []string
	for _, t := range m.tabs.Items {
		out = append(out, t.Text)
	}
	return out
}

// What the window shows depends on the account's role: a participant
// never sees the administration, HR and the secretariat see theirs.
func TestAdminTabsByRole(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	for _, tc := range []struct {
		role app.Role
		want []string
	}{
		{app.RoleParticipant, []string{"参加者をさがす", "受信箱", "カレンダー", "わたしのプロフィール", "設定"}},
		{app.RoleHR, []string{"取り込み", "招待", "ダッシュボード", "設定"}},
		{app.RoleSecretariat, []string{"取り込み", "招待", "ダッシュボード", "会社・プログラム", "設定"}},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			ui := dirQueueApp(t, a)
			svc := newTestServices(t)
			svc.me.Role = tc.role
			admin := newFakeAdmin(tc.role)
			w := test.NewTempWindow(t, nil)
			m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Admin: admin})
			w.SetContent(m.Content())
			w.Resize(fyne.NewSize(1100, 760))
			if got := tabTexts(m); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("tabs %q, want %q", got, tc.want)
			}
			if tc.role == app.RoleParticipant {
				if m.admin != nil {
					t.Error("a participant has the administration views")
				}
				return
			}
			// The first tab loads when the window is first refreshed.
			m.DataChanged()
			ui.settle()
			if !m.admin.Import.loaded || m.admin.Import.choose.Disabled() {
				t.Error("the import tab did not load")
			}
		})
	}
}

// A view shown once loads again after an import or a change of the
// programmes, when it is next shown.
func TestAdminViewsReloadAfterChanges(t *testing.T) {
	f := newFakeAdmin(app.RoleSecretariat)
	var a *AdminViews
	adminWindow(t, func(w fyne.Window) fyne.CanvasObject {
		a = NewAdminViews(f, w, "")
		return a.Dashboard.Content()
	})
	for _, c := range []fyne.CanvasObject{a.Import.Content(), a.Invitations.Content(), a.Dashboard.Content()} {
		if !a.Shown(c) {
			t.Fatal("not an administration view")
		}
	}
	adminSettle()
	calls := len(f.scopes)
	a.Shown(a.Dashboard.Content())
	adminSettle()
	if len(f.scopes) != calls {
		t.Error("the dashboard loaded again without a change")
	}
	a.Programmes.OnChanged()
	a.Shown(a.Dashboard.Content())
	adminSettle()
	if len(f.scopes) != calls+1 {
		t.Error("the dashboard did not load again after a change of the programmes")
	}
	a.Import.OnImported()
	a.Shown(a.Dashboard.Content())
	adminSettle()
	if len(f.scopes) != calls+2 {
		t.Error("the dashboard did not load again after an import")
	}
	if a.Shown(widget.NewLabel("")) {
		t.Error("any content counts as an administration view")
	}
}
