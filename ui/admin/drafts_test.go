package admin

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// A company's name and industry typed into the form outlive its closing:
// the form for the same company shows them again, with a note, and a
// save forgets them. A programme's name likewise.
func TestProgrammeFormsKeepDrafts(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	v.tabs.SelectIndex(1)
	tapButton(t, w.Content(), "会社を加える")
	settle()
	test.Type(v.companyForm.name, "みなと銀行株式会社")
	test.Type(v.companyForm.industry, "金融")
	tapButton(t, topOverlay(t, w), "やめる")
	widgets.FlushDrafts()
	if got := f.Saved("company:new"); got != `{"industry":"金融","name":"みなと銀行株式会社"}` {
		t.Fatalf("company draft %q", got)
	}

	tapButton(t, w.Content(), "会社を加える")
	settle()
	if v.companyForm.name.Text != "みなと銀行株式会社" || v.companyForm.industry.Text != "金融" {
		t.Fatalf("opened again: %q %q", v.companyForm.name.Text, v.companyForm.industry.Text)
	}
	uitest.WantTexts(t, "the company form opened again", topOverlay(t, w), "前回の下書きを表示しています。")
	tapButton(t, topOverlay(t, w), "保存する")
	settle()
	widgets.FlushDrafts()
	if len(f.saved) != 1 || f.Saved("company:new") != "" {
		t.Fatalf("saved %v, draft left %q", f.saved, f.Saved("company:new"))
	}

	v.tabs.SelectIndex(0)
	tapButton(t, w.Content(), "プログラムを作る")
	settle()
	test.Type(v.cohortForm.name, "2027年度 第2期")
	tapButton(t, topOverlay(t, w), "やめる")
	widgets.FlushDrafts()
	if got := f.Saved("cohort:new"); got != `{"name":"2027年度 第2期"}` {
		t.Fatalf("programme draft %q", got)
	}
}
