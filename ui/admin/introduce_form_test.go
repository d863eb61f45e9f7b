package admin

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
)

// aozora adds three joined people of あおぞら電機 to f, whose readings
// sort them otherwise than their names' characters do.
func aozora(f *fakeAdmin) {
	for _, p := range []struct{ id, name, kana string }{
		{"q-3", "渡辺 茂", "わたなべ しげる"}, {"q-1", "青木 健", "あおき けん"}, {"q-2", "井上 京子", "いのうえ きょうこ"},
	} {
		f.activity = append(f.activity, app.Activity{PersonRef: app.PersonRef{ParticipantID: p.id, Name: p.name, CompanyID: "c-aozora"}, Joined: true})
		f.invitations = append(f.invitations, app.Invitation{ParticipantID: p.id, Name: p.name, Kana: p.kana, CompanyID: "c-aozora"})
	}
}

// The secretariat's 「紹介する」 (issue 19): the open programme is
// chosen, its joined members listed by company in kana order with their
// readings; the second person's companies leave out the first person's;
// no note is refused in the form; a right one is sent and said done; the
// same pair again is refused in words that say so.
func TestIntroduceForm(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	aozora(f)
	tapButton(t, w.Content(), "おふたりを紹介する")
	form := v.introForm
	settle()
	if form == nil || form.cohort.Selected != "2026年度 第1期" || len(form.cohort.Options) != 1 {
		t.Fatalf("the form's programmes: %+v", form)
	}
	over := topOverlay(t, w)
	if b := uitest.ShownButton(over, "紹介する"); b == nil || b.Icon != theme.MailSendIcon() {
		t.Errorf("the send button: %+v", b)
	}
	// 佐藤 花子 has not joined: not listed.
	a, b := form.sides[0], form.sides[1]
	b.company.sel.SetSelected("株式会社さくら商事")
	a.company.sel.SetSelected("株式会社さくら商事")
	if len(a.person.Options) != 1 || a.person.Options[0] != "山田 太郎（やまだ たろう）" {
		t.Fatalf("さくら商事's people: %v", a.person.Options)
	}
	if got := b.company.sel.Options; b.company.ID() != "" || b.company.sel.Selected != "" || len(got) != 1 || got[0] != "あおぞら電機株式会社" {
		t.Fatalf("the second person's companies: %v (chosen %q)", got, b.company.sel.Selected)
	}
	a.person.SetSelected("山田 太郎（やまだ たろう）")
	b.company.sel.SetSelected("あおぞら電機株式会社")
	if got := strings.Join(b.person.Options, "、"); got != "青木 健（あおき けん）、井上 京子（いのうえ きょうこ）、渡辺 茂（わたなべ しげる）" {
		t.Fatalf("あおぞら電機's people: %v", got)
	}
	b.person.SetSelected("青木 健（あおき けん）")
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

	// The same pair, the other way round.
	tapButton(t, w.Content(), "おふたりを紹介する")
	settle()
	form, over = v.introForm, topOverlay(t, w)
	a, b = form.sides[0], form.sides[1]
	a.company.sel.SetSelected("あおぞら電機株式会社")
	a.person.SetSelected("青木 健（あおき けん）")
	b.company.sel.SetSelected("株式会社さくら商事")
	b.person.SetSelected("山田 太郎（やまだ たろう）")
	test.Type(form.note, "ご紹介します。")
	tapButton(t, over, "紹介する")
	settle()
	if len(f.intros) != 1 || w.Canvas().Overlays().Top() == nil || form.errLine.Text != "このおふたりは、すでに紹介しています。" {
		t.Errorf("the same pair again: %d sent, error line %q", len(f.intros), form.errLine.Text)
	}
}

// A refusal of the server is said in the form, which stays open.
func TestIntroduceFormRefused(t *testing.T) {
	f, v, w := newProgrammesFixture(t)
	aozora(f)
	tapButton(t, w.Content(), "おふたりを紹介する")
	settle()
	form := v.introForm
	form.sides[0].company.sel.SetSelected("株式会社さくら商事")
	form.sides[0].person.SetSelected("山田 太郎（やまだ たろう）")
	form.sides[1].company.sel.SetSelected("あおぞら電機株式会社")
	form.sides[1].person.SetSelected("青木 健（あおき けん）")
	test.Type(form.note, "ご紹介します。")
	f.me.Role = app.RoleHR // the fake refuses anyone but the secretariat
	over := topOverlay(t, w)
	tapButton(t, over, "紹介する")
	settle()
	if len(f.intros) != 0 || w.Canvas().Overlays().Top() == nil || !form.errLine.Visible() || form.errLine.Text == "" {
		t.Errorf("refused: %d sent, error line %q", len(f.intros), form.errLine.Text)
	}
}
