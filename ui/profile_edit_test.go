package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
)

// newProfileFixture is the demo user's profile tab, loaded, in a window.
func newProfileFixture(t *testing.T) (*ProfileEditor, *testServices) {
	t.Helper()
	testapp.Japanese(t)
	testapp.New(t)
	svc := newTestServices(t)
	e := NewProfileEditor(svc, nil)
	w := test.NewTempWindow(t, e.Content())
	e.win = w
	w.Resize(fyne.NewSize(800, 900))
	e.Refresh()
	settle()
	return e, svc
}

// saveProfile taps the save button of e, checks that it saved, and
// reads the profile as stored.
func saveProfile(t *testing.T, e *ProfileEditor, svc *testServices) app.DirectoryEntry {
	t.Helper()
	test.Tap(e.save)
	settle()
	if e.message.Text != "保存しました。" {
		t.Fatalf("after saving: %q", e.message.Text)
	}
	p, err := svc.Person(context.Background(), svc.me.ParticipantID, svc.now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProfileEditor(t *testing.T) {
	e, svc := newProfileFixture(t)
	if e.name.Text != "田中 誠" {
		t.Fatalf("name %q", e.name.Text)
	}
	if e.company.Text != "株式会社みなと精工" || e.ageBand.Selected != "55〜59歳" || !e.visible.Checked {
		t.Fatalf("loaded %q %q %v", e.company.Text, e.ageBand.Selected, e.visible.Checked)
	}
	// The free text under the weekly grid is labelled as a note of its own.
	uitest.WantTexts(t, "the free times", e.freeBox, "補足（任意）", "ほかの方には、上の表と並べて、書いたとおりに表示されます。")

	// A reading in kanji is refused in words, and nothing is saved.
	e.kana.SetText("田中")
	test.Tap(e.save)
	if e.message.Text != "ふりがなは、ひらがなかカタカナで入力してください。" || len(svc.calls) != 0 {
		t.Fatalf("kanji reading: %q, %v", e.message.Text, svc.calls)
	}
	e.kana.SetText("たなか まこと")
	e.themes.SetText("地域貢献、囲碁　学び直し、地域貢献")
	e.intro.SetText("製造現場で三十年働いてきました。")
	e.modes.SetSelected([]string{"電話"})
	e.visible.SetChecked(false)
	p := saveProfile(t, e, svc)
	if p.Kana != "たなか まこと" || !slices.Equal(p.Themes, []string{"地域貢献", "囲碁", "学び直し"}) ||
		!slices.Equal(p.Modes, []app.Mode{app.ModePhone}) || p.Visible || p.Intro != "製造現場で三十年働いてきました。" {
		t.Fatalf("saved %+v", p)
	}
}

// A person whom HR's list knew only by their decade sees it chosen, and
// may keep it or give their five-year band.
func TestProfileEditorDecade(t *testing.T) {
	e, svc := newProfileFixture(t)
	if want := []string{"40代", "45〜49歳", "50代", "50〜54歳", "55〜59歳", "60代", "60〜65歳"}; !slices.Equal(e.ageBand.Options, want) {
		t.Fatalf("age choices %v, want %v", e.ageBand.Options, want)
	}
	e.ageBand.SetSelected("50代")
	if p := saveProfile(t, e, svc); p.AgeBand != "50s" {
		t.Fatalf("saved age %q, want 50s", p.AgeBand)
	}
	e.Refresh()
	settle()
	if e.ageBand.Selected != "50代" {
		t.Fatalf("reloaded age %q", e.ageBand.Selected)
	}
	e.ageBand.SetSelected("50〜54歳")
	if p := saveProfile(t, e, svc); p.AgeBand != "50-54" {
		t.Fatalf("saved age %q, want 50-54", p.AgeBand)
	}
}
