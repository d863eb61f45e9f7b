package ui

import (
	"context"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

func tabTexts(m *MainWindow) []string {
	var out []string
	for _, t := range m.tabs.Items {
		out = append(out, t.Text)
	}
	return out
}

// tabsAdmin serves the administration tabs of the window's tests: the
// import, their first tab, loads the programmes and, for the
// secretariat, the companies; nothing else is called. The views' own
// tests, with a fake of the whole server, are crosstalk/ui/admin's.
type tabsAdmin struct {
	app.Admin          // nil: calling anything else fails the test
	widgets.DraftStore // nil likewise
	me                 app.Actor
}

func (a tabsAdmin) Me() app.Actor  { return a.me }
func (a tabsAdmin) Now() time.Time { return testNow }

func (a tabsAdmin) ReadRoster(string, []byte, []app.Cohort) (roster.Preview, error) {
	return roster.Preview{}, nil
}

func (a tabsAdmin) Cohorts(context.Context) ([]app.Cohort, error) {
	return []app.Cohort{{ID: "k-2026a", Name: "2026年度 第1期", State: app.CohortOpen, Rules: app.DefaultRules}}, nil
}

func (a tabsAdmin) Companies(context.Context) ([]app.Company, error) {
	return []app.Company{{ID: "c-sakura", Name: "株式会社さくら商事", Industry: "商社"}}, nil
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
			admin := tabsAdmin{me: app.Actor{ParticipantID: "hr-1", CompanyID: "c-sakura", Role: tc.role}}
			w := test.NewTempWindow(t, nil)
			m := NewMainWindow(w, svc, MainOptions{Settings: SettingsState{Language: "ja"}, Admin: admin})
			w.SetContent(m.Content())
			w.Resize(fyne.NewSize(1100, 760))
			if got := tabTexts(m); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("tabs %q, want %q", got, tc.want)
			}
			// Nothing is waiting to be saved: the window closes at once.
			closed := false
			m.ConfirmClose(func() { closed = true })
			if !closed {
				t.Error("the window does not close")
			}
			if tc.role == app.RoleParticipant {
				if m.admin != nil {
					t.Error("a participant has the administration views")
				}
				return
			}
			// The first tab loads when the window is first refreshed: its
			// button to choose a file is enabled once the programmes are
			// there.
			m.DataChanged()
			ui.settle()
			if b := uitest.ShownButton(m.Content(), "ファイルを選ぶ"); b == nil || b.Disabled() {
				t.Error("the import tab did not load")
			}
			// The tabs change as they did (they ask first only while new
			// invitation codes are not saved: crosstalk/ui/admin's tests).
			settings := m.tabs.Items[len(m.tabs.Items)-1]
			m.tabs.Select(settings)
			ui.settle()
			if m.tabs.Selected() != settings || w.Canvas().Overlays().Top() != nil {
				t.Error("the settings tab is not shown")
			}
		})
	}
}
