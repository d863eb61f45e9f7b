package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// long is n characters of Japanese text.
func long(n int) string { return strings.Repeat("あ", n) }

// Over-long texts in the answers to an offer are refused in words before
// anything is sent; at the limit they go through.
func TestAnswerLimits(t *testing.T) {
	t.Run("decline", func(t *testing.T) {
		f := newInboxFixture(t, testNow)
		it := f.received(t)
		test.Tap(f.card(0, it.ID).decline)
		dlg := f.top(t)
		findShown[*widget.RadioGroup](dlg).SetSelected("日程が合わないため")
		note := findShown[*widget.Entry](dlg)
		note.SetText(long(app.MaxNoteRunes + 1))
		over := "「ひとこと」は500文字までです。いま501文字なので、1文字短くしてください。"
		f.tap(t, "辞退する")
		if f.top(t) != dlg || !uitest.ShowsText(dlg, over) || len(f.svc.calls) != 0 {
			t.Fatalf("one over: %q, calls %v", uitest.ShownTexts(dlg), f.svc.calls)
		}
		note.SetText(long(app.MaxNoteRunes))
		if uitest.ShowsText(dlg, over) {
			t.Error("the warning stays once the note is short enough")
		}
		f.tap(t, "辞退する")
		f.tap(t, "辞退する") // the confirmation
		if err := f.waitSettled(t); err != nil {
			t.Fatalf("a note at the limit: %v", err)
		}
		if o := f.offer(t, it.ID); o.State != app.OfferDeclined || len([]rune(o.Note)) != app.MaxNoteRunes {
			t.Errorf("stored %s with a note of %d", o.State, len([]rune(o.Note)))
		}
	})
	t.Run("counter", func(t *testing.T) {
		f := newInboxFixture(t, testNow)
		it := f.received(t)
		test.Tap(f.card(0, it.ID).counter)
		dlg := f.top(t)
		findShown[*widgets.SlotsEditor](dlg).SetStarts([]time.Time{time.Date(2026, 12, 8, 14, 0, 0, 0, app.Tokyo)})
		msg := findShown[*widget.Entry](dlg)
		msg.SetText(long(app.MaxMessageRunes + 1))
		f.tap(t, "この日時を提案する")
		if !uitest.ShowsText(dlg, "「メッセージ」は1000文字までです。いま1001文字なので、1文字短くしてください。") || len(f.svc.calls) != 0 {
			t.Fatalf("one over: %q, calls %v", uitest.ShownTexts(dlg), f.svc.calls)
		}
		msg.SetText(long(app.MaxMessageRunes))
		f.tap(t, "この日時を提案する")
		widgets.WaitBackground()
		f.tap(t, "提案する") // the confirmation
		if err := f.waitSettled(t); err != nil {
			t.Fatalf("a message at the limit: %v", err)
		}
		if o := f.offer(t, it.ID); o.Rounds != 1 || len([]rune(o.Message)) != app.MaxMessageRunes {
			t.Errorf("stored round %d with a message of %d", o.Rounds, len([]rune(o.Message)))
		}
	})
	t.Run("accept", func(t *testing.T) {
		f := newInboxFixture(t, testNow)
		it := f.received(t)
		test.Tap(f.card(0, it.ID).accept)
		dlg := f.top(t)
		choice := findShown[*widget.RadioGroup](dlg)
		choice.SetSelected(choice.Options[0])
		place := findShown[*widget.Entry](dlg)
		place.SetText(long(app.MaxPlaceRunes + 1))
		f.tap(t, "この日時で承諾する")
		if f.top(t) != dlg || !uitest.ShowsText(dlg, "「場所またはURL」は300文字までです。いま301文字なので、1文字短くしてください。") || len(f.svc.calls) != 0 {
			t.Fatalf("one over: %q, calls %v", uitest.ShownTexts(dlg), f.svc.calls)
		}
		place.SetText(long(app.MaxPlaceRunes))
		f.tap(t, "この日時で承諾する")
		f.tap(t, "承諾する") // the confirmation
		if err := f.waitSettled(t); err != nil {
			t.Fatalf("a place at the limit: %v", err)
		}
		if k, ok := f.talk(t, app.TalkIDFor(it.ID)); !ok || len([]rune(k.Place)) != app.MaxPlaceRunes {
			t.Errorf("talk %v with a place of %d", ok, len([]rune(k.Place)))
		}
	})
}

// An over-long survey comment is refused before sending; one at the
// limit is stored.
func TestSurveyCommentLimit(t *testing.T) {
	f := newSurveyFixture(t, testNow)
	k := heldTalk(t, f.due(t))
	f.open(k)
	dlg := f.top(t)
	test.Tap(f.dlg.satisfaction.buttons[4])
	test.Tap(f.dlg.recommend.buttons[7])
	f.tap(t, "次へ")
	f.tap(t, "次へ")
	f.dlg.comment.SetText(long(app.MaxCommentRunes + 1))
	f.tap(t, "送信する")
	if !uitest.ShowsText(dlg, "「ご感想」は2000文字までです。いま2001文字なので、1文字短くしてください。") || len(f.svc.calls) != 0 {
		t.Fatalf("one over: %q, calls %v", uitest.ShownTexts(dlg), f.svc.calls)
	}
	f.dlg.comment.SetText(long(app.MaxCommentRunes))
	f.tap(t, "送信する")
	if err := f.waitSettled(t); err != nil {
		t.Fatalf("a comment at the limit: %v", err)
	}
	if f.done != 1 {
		t.Error("the survey was not sent")
	}
}

// Every text of the profile shows its limit; an over-long one is refused
// in words and nothing is saved; at the limits the profile is saved.
func TestProfileEditorLimits(t *testing.T) {
	e, svc := newProfileFixture(t)
	if len(e.limits) != 7 {
		t.Fatalf("%d fields with a limit, want 7", len(e.limits))
	}
	for i, l := range e.limits {
		if l.Note.Text == "" || !treeHas(e.Content(), l.Note) {
			t.Errorf("field %d of the form shows no limit", i+1)
		}
	}
	uitest.WantTexts(t, "the profile", e.Content(), "テーマは10個まで、1つ30文字までです（いま3個）")
	for _, c := range []struct {
		entry *widget.Entry
		text  string
		want  string
	}{
		{e.name, long(app.MaxNameRunes + 1), "「お名前」は60文字までです。いま61文字なので、1文字短くしてください。"},
		{e.kana, long(app.MaxNameRunes + 5), "「ふりがな」は60文字までです。いま65文字なので、5文字短くしてください。"},
		{e.jobRole, long(app.MaxJobRoleRunes + 1), "「役職・職種」は100文字までです。いま101文字なので、1文字短くしてください。"},
		{e.themes, "囲碁、" + long(app.MaxThemeRunes+1), "テーマ「" + long(app.MaxThemeRunes+1) + "」が長すぎます。テーマは1つ30文字までです。"},
		{e.themes, "一、二、三、四、五、六、七、八、九、十、十一", "テーマは10個までにしてください。"},
		{e.interests, long(app.MaxIntroRunes + 1), "「関心のあること」は2000文字までです。いま2001文字なので、1文字短くしてください。"},
		{e.intro, "　" + long(app.MaxIntroRunes), "「自己紹介」は2000文字までです。いま2001文字なので、1文字短くしてください。"},
		{e.freeTimes, long(app.MaxFreeTimesRunes + 1), "「話しやすい時間帯」は300文字までです。いま301文字なので、1文字短くしてください。"},
	} {
		old := c.entry.Text
		c.entry.SetText(c.text)
		if !uitest.ShowsText(e.Content(), c.want) {
			t.Errorf("no warning %q under the field", c.want)
		}
		test.Tap(e.save)
		settle()
		if e.message.Text != c.want || len(svc.calls) != 0 {
			t.Errorf("save: %q, calls %v; want %q", e.message.Text, svc.calls, c.want)
		}
		c.entry.SetText(old)
	}
	e.name.SetText(long(app.MaxNameRunes))
	e.kana.SetText(strings.Repeat("た", app.MaxNameRunes))
	e.jobRole.SetText(long(app.MaxJobRoleRunes))
	e.themes.SetText("一、二、三、四、五、六、七、八、九、" + long(app.MaxThemeRunes))
	e.interests.SetText(long(app.MaxIntroRunes))
	e.intro.SetText(long(app.MaxIntroRunes))
	e.freeTimes.SetText(long(app.MaxFreeTimesRunes))
	p := saveProfile(t, e, svc)
	if len([]rune(p.Intro)) != app.MaxIntroRunes || len(p.Themes) != app.MaxThemes {
		t.Errorf("saved an intro of %d and %d themes", len([]rune(p.Intro)), len(p.Themes))
	}
}
