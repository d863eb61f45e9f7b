package ui

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/assets"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// english makes the app speak English, as the in-app choice does, for
// one test; Japanese, texts of Fyne's own dialogs included, is back for
// the next one.
func english(t *testing.T) {
	t.Helper()
	testapp.Japanese(t) // the machine's locale stays Japanese: the choice wins over it
	if err := assets.UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := assets.UseLanguage("ja"); err != nil {
			t.Error(err)
		}
	})
}

// en is the English text of key, with data filled in as lang.X would.
func en(t *testing.T, key string, data ...map[string]any) string {
	t.Helper()
	s := translations(t, "en")[key]
	if s == "" {
		t.Fatalf("no English text for %q", key)
	}
	for _, d := range data {
		for k, v := range d {
			s = strings.ReplaceAll(s, "{{."+k+"}}", toString(v))
		}
	}
	return s
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	}
	t, _ := json.Marshal(v)
	return string(t)
}

// japaneseTexts matches any of our Japanese texts, a template's fields
// matching anything; the message templates are left out, as the demo's
// offers were written from them.
func japaneseTexts(t *testing.T) []*regexp.Regexp {
	t.Helper()
	field := regexp.MustCompile(`\{\{[^}]*\}\}`)
	var out []*regexp.Regexp
	for k, v := range translations(t, "ja") {
		if !strings.ContainsFunc(field.ReplaceAllString(v, ""), widgets.IsWide) ||
			strings.HasPrefix(k, "sendoffer.template.") && !strings.HasSuffix(k, ".name") {
			continue
		}
		parts := field.Split(v, -1)
		literal := 0
		for i, p := range parts {
			literal += len([]rune(p))
			parts[i] = regexp.QuoteMeta(p)
		}
		if literal < 2 {
			continue // "{{.Name}}" alone would match every text
		}
		out = append(out, regexp.MustCompile(`^(?s)`+strings.Join(parts, ".*")+`$`))
	}
	return out
}

// wantEnglish checks that c shows each of texts, and none of our texts in
// Japanese nor a template that lost its data.
func wantEnglish(t *testing.T, what string, c fyne.Canvas, texts ...string) {
	t.Helper()
	shown := canvasTexts(c)
	has := map[string]bool{}
	for _, s := range shown {
		has[s] = true
	}
	for _, s := range texts {
		if !has[s] {
			t.Errorf("%s does not show %q; it shows %q", what, s, shown)
		}
	}
	ja := japaneseTexts(t)
	for s := range has {
		if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
			t.Errorf("%s shows a broken text %q", what, s)
		}
		for _, re := range ja {
			if re.MatchString(s) {
				t.Errorf("%s shows %q in Japanese", what, s)
				break
			}
		}
	}
}

// The directory, a profile and the offer dialog in English.
func TestEnglishDirectoryAndOffer(t *testing.T) {
	ui := newDirUI(t)
	english(t)
	svc := newTestServices(t)
	d, w := newDirectoryWindow(t, ui, svc)
	wantEnglish(t, "the directory", w.Canvas(),
		en(t, "directory.search.label"),
		en(t, "directory.count", map[string]any{"Count": len(d.results)}),
		en(t, "directory.pick"))

	dirSearch(t, ui, d, "いのうえ ひでき")
	c := dirTapPerson(t, ui, d, w, "井上 秀樹")
	wantEnglish(t, "the profile card", w.Canvas(),
		en(t, "card.age"), en(t, "card.intro"), en(t, "card.can_send"), en(t, "card.company", map[string]any{"Company": c.person.CompanyName, "Industry": c.person.Industry}))
	if c.send.Text != en(t, "card.send") {
		t.Errorf("send button %q", c.send.Text)
	}

	test.Tap(c.send)
	dlg := c.dialog
	wantEnglish(t, "the offer dialog", w.Canvas(),
		en(t, "sendoffer.title"),
		en(t, "sendoffer.to", map[string]any{"To": en(t, "sendoffer.recipient", map[string]any{"Name": c.person.Name, "Company": c.person.CompanyName})}),
		en(t, "sendoffer.step.times"),
		en(t, "slot.number", map[string]any{"N": 1}),
		en(t, "steps.indicator", map[string]any{"N": 1, "Of": 3}))
	if dlg.next.Text != en(t, "sendoffer.next") || uitest.ShownButton(dlg.slots, en(t, "slot.add")) == nil {
		t.Errorf("buttons %q, and under the times %q", dlg.next.Text, uitest.ShownTexts(dlg.slots))
	}
	dlg.template.SetSelectedIndex(0)
	if !strings.HasPrefix(dlg.text.Text, "Dear "+c.person.Name+",\n\nMy name is "+dlg.me.Name+", of "+dlg.me.CompanyName+".") {
		t.Errorf("the template in English: %q", dlg.text.Text)
	}
	test.Tap(dlg.toMessage)
	wantEnglish(t, "the offer dialog without times", w.Canvas(), en(t, "slot.incomplete_n", map[string]any{"N": 1}))
	chooseOffer(t, dlg, testNow.AddDate(0, 0, 1))
	test.Tap(dlg.toMessage)
	dlg.text.SetText("")
	wantEnglish(t, "the offer dialog's message", w.Canvas(), en(t, "steps.indicator", map[string]any{"N": 2, "Of": 3}),
		en(t, "limit.max", map[string]any{"Max": app.MaxMessageRunes}))
	dlg.text.SetText(long(app.MaxMessageRunes + 1))
	wantEnglish(t, "the offer dialog with a long message", w.Canvas(),
		en(t, "limit.over", map[string]any{"Field": en(t, "sendoffer.summary.message"), "Max": app.MaxMessageRunes, "Count": app.MaxMessageRunes + 1, "Over": 1}))
	dlg.Hide()
}

// The inbox and an answer dialog in English.
func TestEnglishInbox(t *testing.T) {
	f := newInboxFixtureIn(t, testNow, english)
	waiting := f.in.Waiting()
	var titles []string
	for _, it := range f.in.tabs.Items {
		titles = append(titles, it.Text)
	}
	want := []string{en(t, "inbox.tab.my_answer_count", map[string]any{"Count": waiting}), en(t, "inbox.tab.their_answer"),
		en(t, "inbox.tab.scheduled"), en(t, "inbox.tab.surveys_count", map[string]any{"Count": f.in.SurveysDue() + programmeDue(t, f.svc)}), en(t, "inbox.tab.finished")}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("tabs %q, want %q", titles, want)
	}
	it := f.received(t)
	card := f.card(0, it.ID)
	wantEnglish(t, "the inbox", f.win.Canvas(),
		en(t, "offer.person", map[string]any{"Name": it.OtherName, "Company": it.OtherCompany}),
		en(t, "offer.sent_to_me", map[string]any{"Name": it.OtherName}),
		en(t, "offer.state.my_turn"),
		en(t, "offer.deadline.mine", map[string]any{"Date": widgets.FormatDateTime(it.ExpiresAt)}))
	if card.accept.Text != en(t, "offer.action.accept") || card.decline.Text != en(t, "offer.action.decline") {
		t.Errorf("buttons %q %q", card.accept.Text, card.decline.Text)
	}

	for _, c := range f.in.boxes[listOf(app.BoxTheirAnswer)].cards {
		if c.item.FromID == f.svc.me.ParticipantID {
			f.selectList(app.BoxTheirAnswer)
			wantEnglish(t, "the offers waiting for the other side", f.win.Canvas(),
				en(t, "offer.sent_by_me", map[string]any{"Name": c.item.OtherName}), en(t, "offer.state.their_turn"))
			break
		}
	}
	f.selectList(app.BoxScheduled)
	if uitest.ShownButton(f.win.Content(), en(t, "inbox.open_talk")) == nil {
		t.Errorf("the decided talks have no button %q", en(t, "inbox.open_talk"))
	}
	f.in.ShowSurveys()
	wantEnglish(t, "the surveys", f.win.Canvas(), en(t, "surveys.notice", map[string]any{"Count": f.in.SurveysDue()}))
	for _, key := range []string{"surveys.answer", "surveys.notice.answer"} {
		if uitest.ShownButton(f.win.Content(), en(t, key)) == nil {
			t.Errorf("the surveys have no button %q", en(t, key))
		}
	}
	f.selectList(app.BoxNeedsMyAnswer)

	test.Tap(card.decline)
	wantEnglish(t, "the decline dialog", f.win.Canvas(),
		en(t, "decline.title"), en(t, "decline.reason"),
		en(t, "limit.max", map[string]any{"Max": app.MaxNoteRunes}))
	f.tap(t, en(t, "decline.submit"))
	wantEnglish(t, "the decline dialog without a reason", f.win.Canvas(), en(t, "decline.choose"))
	f.tap(t, en(t, "dialog.cancel"))
}
