package mail

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail/mailsink"
)

// The programme survey of the tests' cohort (1 November 2026 – 28
// February 2027) opens on Monday 22 February 2027, reminds from Monday
// 1 March and takes its last answers on Sunday 14 March.
var (
	surveyOpens  = time.Date(2027, 2, 22, 0, 0, 0, 0, app.Tokyo)
	surveyRemind = time.Date(2027, 3, 1, 0, 0, 0, 0, app.Tokyo)
	surveyCloses = time.Date(2027, 3, 15, 0, 0, 0, 0, app.Tokyo)
)

// surveyMails keeps the programme survey's mails of ms (their subject
// names it), by recipient's name.
func surveyMails(ms []mailsink.Mail) map[string]mailsink.Mail {
	out := map[string]mailsink.Mail{}
	for _, m := range ms {
		if strings.Contains(m.Subject, "ふりかえり") || strings.Contains(m.Subject, "look back") {
			out[strings.TrimSuffix(m.Rcpt[0], "@example.jp")] = m
		}
	}
	return out
}

// names are the keys of ms, sorted.
func names(ms map[string]mailsink.Mail) string {
	var out []string
	for _, p := range people {
		if _, ok := ms[p.name]; ok {
			out = append(out, p.name)
		}
	}
	return strings.Join(out, " ")
}

// talk makes a talk between from and to at start, agreed at clock.
func (w *world) talk(from, to string, start, clock time.Time) string {
	w.t.Helper()
	send := sendArgs(to, "よろしくお願いします")
	send.Slots = []time.Time{start}
	w.must(from, app.OfferSend, send, clock)
	w.must(to, app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: start}, clock)
	return app.TalkIDFor(send.ID)
}

// answer sends who's programme survey at clock.
func (w *world) answer(who string, clock time.Time) {
	w.t.Helper()
	five, six, nine := 5, 6, 9
	args := app.ProgrammeSurveyArgs{CohortID: cohortID, Satisfaction: &five, NextRound: &six, Recommend: &nine,
		Insight: "社外の方の視点が新鮮でした", Assessment: map[string]int{}}
	for _, s := range app.SelfAssessmentStatements {
		args.Assessment[s.ID] = 4
	}
	w.must(who, app.ProgrammeSurveySubmit, args, clock)
}

const surveyTextJA = `山田 太郎 様

「2026年度 第2期」のプログラムのふりかえりが始まりました。クロストークをされた方にお願いしています。

プログラム全体の満足度などを伺う3つの質問と、短い自由回答が2つ、キャリアについての自己評価です。
回答の期限：2027年3月14日(日)
ご回答は、人事のご担当者にも、ほかの参加者にも、お一人おひとりの回答として見られることはありません。

CrossTalk のアプリを開いて、受信箱のお知らせからお答えください。
https://crosstalk.example.jp/app

--
CrossTalk

`

const reminderTextEN = `Dear Alex Brown,

We have not yet had your look back on the programme “2026年度 第2期”. We would like to hear from you.

Three questions such as your overall satisfaction, two short free answers, and the career self-assessment.
Please answer by: Sun, 14 Mar 2027
Your answers are private: neither HR nor other participants ever see them individually.

Please open CrossTalk and answer from the notice in your inbox.
https://crosstalk.example.jp/app

--
CrossTalk

`

// The programme survey is mailed once when it opens to each person who
// held a talk, later to whoever holds their first talk in the window,
// and once as a reminder from RemindAt to whoever has not answered; never
// to someone without a held talk, with mail off, twice, or in any words
// of an answer. A digest reader reads both in their digest.
func TestProgrammeSurveyMails(t *testing.T) {
	w := newWorld(t)
	nov := func(day int) time.Time { return time.Date(2026, 11, day, 14, 0, 0, 0, app.Tokyo) }
	w.talk("a1", "b1", nov(28), now)
	w.talk("a2", "c1", nov(29), now) // c1 reads a daily digest
	w.talk("a3", "c2", nov(30), now) // c2 chose no mail
	w.talk("a4", "b2", nov(30), now) // b2 reads English
	cancelled := w.talk("d1", "a5", nov(28), now)
	w.must("a5", app.TalkCancel, app.CancelTalkArgs{TalkID: cancelled, Reason: "work"}, now)
	w.deliver()

	if ms := surveyMails(w.schedule(surveyOpens.Add(-time.Minute))); len(ms) != 0 {
		t.Fatalf("mailed before the survey opens: %s", names(ms))
	}
	// Two sweeps side by side queue each mail once.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { _, errs[i] = w.st.QueueScheduledMail(context.Background(), surveyOpens) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	opened := surveyMails(w.deliver())
	if got := names(opened); got != "a1 a2 a3 a4 b1 b2" {
		t.Fatalf("opening mails to %q, want a1 a2 a3 a4 b1 b2", got)
	}
	a1 := opened["a1"]
	if a1.Subject != "プログラムのふりかえりのお願い（2026年度 第2期）" {
		t.Errorf("subject %q", a1.Subject)
	}
	if a1.Text != surveyTextJA {
		t.Errorf("text:\n%s\nwant:\n%s", a1.Text, surveyTextJA)
	}
	has(t, "HTML", a1.HTML, `<html lang="ja">`, "<p>山田 太郎 様</p>",
		"<p>「2026年度 第2期」のプログラムのふりかえりが始まりました。クロストークをされた方にお願いしています。</p>",
		"<p>回答の期限：2027年3月14日(日)</p>",
		"<p>ご回答は、人事のご担当者にも、ほかの参加者にも、お一人おひとりの回答として見られることはありません。</p>",
		`<a href="https://crosstalk.example.jp/app">CrossTalk のアプリを開いて、受信箱のお知らせからお答えください。</a>`)
	b2 := opened["b2"]
	if b2.Subject != "Please look back on your programme (2026年度 第2期)" {
		t.Errorf("English subject %q", b2.Subject)
	}
	has(t, "English", b2.Text, "Dear Alex Brown,",
		"The look back on the programme “2026年度 第2期” has begun. We ask everyone who held a cross talk.",
		"Please answer by: Sun, 14 Mar 2027", "Your answers are private: neither HR nor other participants ever see them individually.")
	has(t, "English HTML", b2.HTML, `<html lang="en">`, "<p>Please answer by: Sun, 14 Mar 2027</p>")
	if ms := surveyMails(w.schedule(surveyOpens.Add(time.Minute))); len(ms) != 0 {
		t.Fatalf("opening mails again: %s", names(ms))
	}
	// c1's comes in the morning's digest.
	digest := one(t, to(w.schedule(surveyOpens.Add(8*time.Hour)), "c1"), "c1")
	if digest.Subject != "CrossTalk のお知らせ（1件）" {
		t.Errorf("digest subject %q", digest.Subject)
	}
	has(t, "digest", digest.Text, "伊藤 誠 様", "■ プログラムのふりかえりのお願い（2026年度 第2期）\n「2026年度 第2期」のプログラムのふりかえりが始まりました。",
		"回答の期限：2027年3月14日(日)")

	// a5's first talk is held in the survey's first week: asked once it
	// has ended.
	late := time.Date(2027, 2, 25, 14, 0, 0, 0, app.Tokyo)
	w.talk("a5", "b1", late, time.Date(2027, 2, 23, 10, 0, 0, 0, app.Tokyo))
	w.deliver()
	if ms := surveyMails(w.schedule(late.Add(30 * time.Minute))); len(ms) != 0 {
		t.Fatalf("mailed while a5's first talk is under way: %s", names(ms))
	}
	if got := names(surveyMails(w.schedule(late.Add(time.Hour)))); got != "a5" {
		t.Fatalf("opening mails after a5's first talk to %q, want a5", got)
	}

	// a2 answers before the reminder; everyone else who was asked is
	// reminded once, from 1 March.
	w.answer("a2", time.Date(2027, 2, 26, 9, 0, 0, 0, app.Tokyo))
	w.deliver()
	if ms := surveyMails(w.schedule(surveyRemind.Add(-time.Minute))); len(ms) != 0 {
		t.Fatalf("reminded before RemindAt: %s", names(ms))
	}
	reminded := surveyMails(w.schedule(surveyRemind))
	if got := names(reminded); got != "a1 a3 a4 a5 b1 b2" {
		t.Fatalf("reminders to %q, want a1 a3 a4 a5 b1 b2", got)
	}
	if s := reminded["a1"].Subject; s != "プログラムのふりかえりは2027年3月14日(日)までです" {
		t.Errorf("reminder's subject %q", s)
	}
	has(t, "reminder", reminded["a1"].Text, "山田 太郎 様",
		"「2026年度 第2期」のプログラムのふりかえりに、まだお答えいただいていないようです。ぜひお聞かせください。",
		"回答の期限：2027年3月14日(日)", "お一人おひとりの回答として見られることはありません。")
	if s := reminded["b2"].Subject; s != "Reminder: the look back on your programme closes on Sun, 14 Mar 2027" {
		t.Errorf("English reminder's subject %q", s)
	}
	if got := reminded["b2"].Text; got != reminderTextEN {
		t.Errorf("English reminder:\n%s\nwant:\n%s", got, reminderTextEN)
	}
	for who, m := range reminded {
		lacks(t, "reminder to "+who, m.Text+m.HTML, "社外の方の視点", "よろしくお願いします")
	}
	digest = one(t, to(w.schedule(surveyRemind.Add(8*time.Hour)), "c1"), "c1")
	has(t, "reminder in the digest", digest.Text, "■ プログラムのふりかえりは2027年3月14日(日)までです")
	if ms := surveyMails(w.schedule(surveyRemind.Add(9 * time.Hour))); len(ms) != 0 {
		t.Fatalf("reminded again: %s", names(ms))
	}

	// No one else is ever asked, up to the close and after it.
	for _, clock := range []time.Time{surveyCloses.Add(-time.Hour), surveyCloses, surveyCloses.AddDate(0, 0, 1)} {
		if ms := surveyMails(w.schedule(clock)); len(ms) != 0 {
			t.Fatalf("mailed at %s: %s", clock, names(ms))
		}
	}
}

// setMail sets who's mail_mode.
func (w *world) setMail(who, mode string) {
	w.t.Helper()
	err := w.st.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE participants SET mail_mode = ? WHERE id = ?`, mode, pid(who))
		return err
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// A person who first becomes due once the reminder is due gets the
// opening mail alone; a person with mail off is told nothing, but once
// they turn it on while the survey is open; nothing once it closed. The
// secretariat's window rules.
func TestProgrammeSurveyLateAndMailOff(t *testing.T) {
	w := newWorld(t)
	opensOn, closesOn := app.Date(2027, 2, 1), app.Date(2027, 3, 10)
	if _, err := w.st.SetProgrammeSurvey(context.Background(), cohortID,
		serverstore.ProgrammeSurveySettings{OpensOn: &opensOn, ClosesOn: &closesOn}); err != nil {
		t.Fatal(err)
	}
	opens := time.Date(2027, 2, 1, 0, 0, 0, 0, app.Tokyo)
	w.talk("a1", "b1", at(3, 14), now)
	w.talk("a2", "c2", at(3, 14), now) // c2 chose no mail
	w.talk("a4", "b2", at(4, 10), now)
	w.setMail("a4", "none")
	w.deliver()
	if got := names(surveyMails(w.schedule(opens))); got != "a1 a2 b1 b2" {
		t.Fatalf("opening mails to %q, want a1 a2 b1 b2", got)
	}
	// a3's first talk ends on 10 February, after the reminder is due (8
	// February): one mail, the opening one.
	w.talk("a3", "b2", time.Date(2027, 2, 10, 9, 0, 0, 0, app.Tokyo), opens)
	w.deliver()
	ms := surveyMails(w.schedule(time.Date(2027, 2, 10, 12, 0, 0, 0, app.Tokyo)))
	if got := names(ms); got != "a1 a2 a3 b1 b2" {
		t.Fatalf("mails on 10 February to %q, want a1 a2 a3 b1 b2", got)
	}
	if s := ms["a3"].Subject; s != "プログラムのふりかえりのお願い（2026年度 第2期）" {
		t.Errorf("a3's mail: %q, want the opening one", s)
	}
	if s := ms["a1"].Subject; s != "プログラムのふりかえりは2027年3月10日(水)までです" {
		t.Errorf("a1's reminder: %q", s)
	}
	if s := ms["b2"].Subject; s != "Reminder: the look back on your programme closes on Wed, 10 Mar 2027" {
		t.Errorf("b2's reminder: %q", s)
	}
	if ms := surveyMails(w.schedule(time.Date(2027, 2, 20, 12, 0, 0, 0, app.Tokyo))); len(ms) != 0 {
		t.Fatalf("mailed again: %s", names(ms))
	}
	// c2 turns mail on: asked once, at the next sweep, with no reminder
	// after it.
	w.setMail("c2", "single")
	if got := names(surveyMails(w.schedule(time.Date(2027, 2, 21, 9, 0, 0, 0, app.Tokyo)))); got != "c2" {
		t.Fatalf("mails once c2 turned mail on: %q", got)
	}
	// a4, without mail all along, turns it on after the close: nothing.
	ends := time.Date(2027, 3, 11, 0, 0, 0, 0, app.Tokyo)
	if ms := surveyMails(w.schedule(ends.Add(-time.Minute))); len(ms) != 0 {
		t.Fatalf("mailed on the last day: %s", names(ms))
	}
	w.setMail("a4", "single")
	for _, clock := range []time.Time{ends, ends.AddDate(0, 0, 1)} {
		if ms := surveyMails(w.schedule(clock)); len(ms) != 0 {
			t.Fatalf("mailed after the close, at %s: %s", clock, names(ms))
		}
	}
}

// mailReader is a serverstore.MailReader of one person and one cohort
// whose programme survey stands as due says.
type mailReader struct {
	serverstore.MailReader
	me  serverstore.MailPerson
	c   app.Cohort
	due app.SurveyDue
}

func (r mailReader) Person(context.Context, string) (serverstore.MailPerson, error) { return r.me, nil }
func (r mailReader) Cohort(context.Context, string) (app.Cohort, error)             { return r.c, nil }
func (r mailReader) ProgrammeSurveyDue(context.Context, string, string, time.Time) (app.SurveyDue, error) {
	return r.due, nil
}

// The composer asks again, in its snapshot, whether the survey is due: a
// person who answered (or whose survey closed) between the sweep and the
// composition gets no mail; a reminder needs its time to have come.
func TestProgrammeSurveyCheckedWhenComposed(t *testing.T) {
	c, err := NewComposer(ComposerConfig{From: from, PublicURL: publicURL})
	if err != nil {
		t.Fatal(err)
	}
	r := mailReader{me: serverstore.MailPerson{ID: pid("a1"), Name: "山田 太郎", Email: "a1@example.jp", MailMode: "single"},
		c: app.Cohort{ID: cohortID, Name: "2026年度 第2期"}}
	r.due = app.SurveyDue{Open: true, Opens: surveyOpens, Closes: surveyCloses, RemindAt: surveyRemind}
	ev := func(kind string) serverstore.MailEvent {
		return serverstore.MailEvent{Kind: kind, To: pid("a1"), At: surveyRemind, Data: []byte(`{"cohortId":"` + cohortID + `"}`)}
	}
	ms, err := c.Mails(context.Background(), r, ev(serverstore.MailSurveyOpens))
	if err != nil || len(ms) != 1 || ms[0].Kind != "programme.survey_open" ||
		ms[0].DedupeKey != "psurvey-open:"+cohortID+":"+pid("a1") {
		t.Fatalf("open and due: %+v, %v", ms, err)
	}
	if ms, err := c.Mails(context.Background(), r, ev(serverstore.MailSurveyReminder)); err != nil || len(ms) != 0 {
		t.Fatalf("a reminder before RemindAt: %+v, %v", ms, err)
	}
	r.due.Remind = true
	ms, err = c.Mails(context.Background(), r, ev(serverstore.MailSurveyReminder))
	if err != nil || len(ms) != 1 || ms[0].Kind != "programme.survey_reminder" ||
		ms[0].DedupeKey != "psurvey-remind:"+cohortID+":"+pid("a1") {
		t.Fatalf("reminder due: %+v, %v", ms, err)
	}
	r.due.Open, r.due.Remind = false, false // answered, or closed
	for _, kind := range []string{serverstore.MailSurveyOpens, serverstore.MailSurveyReminder} {
		if ms, err := c.Mails(context.Background(), r, ev(kind)); err != nil || len(ms) != 0 {
			t.Errorf("%s once answered: %+v, %v", kind, ms, err)
		}
	}
}
