package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/uitest"
	cttheme "crosstalk/ui/theme"
)

// A problem said under a form goes as soon as it is fixed, and another
// problem takes its place.
func TestFormErrorsClearOnceFixed(t *testing.T) {
	_, v, w := newProgrammesFixture(t)
	v.tabs.SelectIndex(1)
	tapButton(t, w.Content(), "会社を加える")
	form := v.companyForm
	tapButton(t, topOverlay(t, w), "保存する")
	if !form.errLine.Visible() {
		t.Fatal("no problem is said")
	}
	test.Type(form.name, "み")
	if form.errLine.Visible() {
		t.Errorf("the problem fixed is still said: %q", form.errLine.Text)
	}

	closeDialogs(w)
	v.tabs.SelectIndex(0)
	tapButton(t, w.Content(), "プログラムを作る")
	cf := v.cohortForm
	test.Type(cf.name, "2027年度 第2期")
	cf.start.set(day(2027, 10, 1))
	cf.end.set(day(2027, 9, 30))
	tapButton(t, topOverlay(t, w), "保存する")
	if cf.errLine.Text != "終わりの日が始まりの日より前です。日付を選び直してください。" {
		t.Fatalf("error %q", cf.errLine.Text)
	}
	cf.end.set(day(2029, 12, 31))
	if cf.errLine.Text != "プログラムの期間は2年までです。終わりの日を早めてください。" || !cf.errLine.Visible() {
		t.Errorf("the next problem is not said: %q", cf.errLine.Text)
	}
	cf.end.set(day(2028, 3, 31))
	if cf.errLine.Visible() {
		t.Errorf("the problem fixed is still said: %q", cf.errLine.Text)
	}
}

// A programme's form is one page in a large window; at the largest text
// size on a short screen it is two pages, each whole without scrolling,
// and the name and the days are checked before the rules are shown.
func TestCohortFormPages(t *testing.T) {
	_, v, w := newProgrammesFixture(t)
	tapButton(t, w.Content(), "プログラムを作る")
	if v.cohortForm.pages.paged {
		t.Error("the form is in pages in a large window")
	}
	closeDialogs(w)

	fyne.CurrentApp().Settings().SetTheme(cttheme.New(cttheme.ExtraLarge))
	w.Resize(fyne.NewSize(1051, 551))
	tapButton(t, w.Content(), "プログラムを作る")
	f := v.cohortForm
	if !f.pages.paged {
		t.Fatal("the form is not in pages")
	}
	wantWhole := func(page string) {
		t.Helper()
		if need, has := f.pages.body.MinSize().Height, f.pages.scroll.Size().Height; need > has+1 {
			t.Errorf("%s scrolls: %v high, needs %v", page, has, need)
		}
	}
	uitest.WantTexts(t, "the first page", topOverlay(t, w), "ページ 1／2", "プログラム名")
	wantWhole("the first page")
	if uitest.ShownButton(topOverlay(t, w), "保存する") != nil {
		t.Error("the first page can be saved")
	}
	tapButton(t, topOverlay(t, w), "次へ")
	if f.pages.at != 0 || f.errLine.Text != "プログラム名を入れてください。" {
		t.Fatalf("page %d, error %q", f.pages.at, f.errLine.Text)
	}
	test.Type(f.name, "2027年度 第2期")
	f.start.set(day(2027, 10, 1))
	f.end.set(day(2028, 3, 31))
	if f.errLine.Visible() {
		t.Errorf("the problem fixed is still said: %q", f.errLine.Text)
	}
	tapButton(t, topOverlay(t, w), "次へ")
	uitest.WantTexts(t, "the second page", topOverlay(t, w), "ページ 2／2", "クロストークの長さ")
	wantWhole("the second page")
	tapButton(t, topOverlay(t, w), "前へ")
	if f.pages.at != 0 || f.name.Text != "2027年度 第2期" {
		t.Errorf("back on page %d, with the name %q", f.pages.at, f.name.Text)
	}
	tapButton(t, topOverlay(t, w), "次へ")
	tapButton(t, topOverlay(t, w), "保存する")
	if w.Canvas().Overlays().Top() != nil || v.status.Text() != "「2027年度 第2期」を保存しました。" {
		t.Errorf("not saved: %q", v.status.Text())
	}
}
