package admin

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

// The secretariat's 「紹介する」 (issue 19): the open programme is
// chosen, its joined members listed by company; two people of the same
// company, or no note, are refused in the form; a right one is sent and
// said done.
func TestIntroduceForm(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	f.activity = append(f.activity,
		app.Activity{PersonRef: app.PersonRef{ParticipantID: "q-1", Name: "青木 健", CompanyID: "c-aozora"}, Joined: true},
		app.Activity{PersonRef: app.PersonRef{ParticipantID: "q-2", Name: "井上 京子", CompanyID: "c-aozora"}, Joined: true})
	tapButton(t, w.Content(), "おふたりを紹介する")
	form := v.introForm
	settle()
	if form == nil || form.cohort.Selected != "2026年度 第1期" || len(form.cohort.Options) != 1 {
		t.Fatalf("the form's programmes: %+v", form)
	}
	// 佐藤 花子 has not joined: not listed.
	a, b := form.sides[0], form.sides[1]
	a.company.sel.SetSelected("株式会社さくら商事")
	if len(a.person.Options) != 1 || a.person.Options[0] != "山田 太郎" {
		t.Fatalf("さくら商事's people: %v", a.person.Options)
	}
	a.person.SetSelected("山田 太郎")
	b.company.sel.SetSelected("株式会社さくら商事")
	b.person.SetSelected("山田 太郎")
	over := topOverlay(t, w)
	tapButton(t, over, "紹介する")
	if !uitest.ShowsText(over, "別々の方を選んでください。") || len(f.intros) != 0 {
		t.Fatalf("the same person twice: %v, %d sent", uitest.ShownTexts(over), len(f.intros))
	}
	b.company.sel.SetSelected("あおぞら電機株式会社")
	if got := b.person.Options; len(got) != 2 || got[0] != "井上 京子" && got[1] != "井上 京子" {
		t.Fatalf("あおぞら電機's people: %v", got)
	}
	b.person.SetSelected("青木 健")
	tapButton(t, over, "紹介する")
	if !uitest.ShowsText(over, "おふたりへのひとことを書いてください。") || len(f.intros) != 0 {
		t.Fatalf("no note: %v, %d sent", uitest.ShownTexts(over), len(f.intros))
	}
	test.Type(form.note, "おふたりとも、後進の育成に取り組んでいらっしゃいます。")
	tapButton(t, over, "紹介する")
	settle()
	if len(f.intros) != 1 {
		t.Fatalf("%d introductions sent", len(f.intros))
	}
	if in := f.intros[0]; in.CohortID != "k-2026a" || in.AID != "p-1" || in.BID != "q-1" || in.Note != "おふたりとも、後進の育成に取り組んでいらっしゃいます。" {
		t.Errorf("sent %+v", in)
	}
	if v.status.Text() != "山田 太郎さんと青木 健さんを紹介しました。" {
		t.Errorf("status %q", v.status.Text())
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the form stays open")
	}
}

// A refusal of the server is said in the form, which stays open.
func TestIntroduceFormRefused(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	f.activity = append(f.activity,
		app.Activity{PersonRef: app.PersonRef{ParticipantID: "q-1", Name: "青木 健", CompanyID: "c-aozora"}, Joined: true})
	tapButton(t, w.Content(), "おふたりを紹介する")
	settle()
	form := v.introForm
	form.sides[0].company.sel.SetSelected("株式会社さくら商事")
	form.sides[0].person.SetSelected("山田 太郎")
	form.sides[1].company.sel.SetSelected("あおぞら電機株式会社")
	form.sides[1].person.SetSelected("青木 健")
	test.Type(form.note, "ご紹介します。")
	f.me.Role = app.RoleHR // the fake refuses anyone but the secretariat
	over := topOverlay(t, w)
	tapButton(t, over, "紹介する")
	settle()
	if len(f.intros) != 0 || w.Canvas().Overlays().Top() == nil || !form.errLine.Visible() || form.errLine.Text == "" {
		t.Errorf("refused: %d sent, error line %q", len(f.intros), form.errLine.Text)
	}
}
