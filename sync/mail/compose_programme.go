package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// The mails of the programme survey (プログラムのふりかえり, issue 18),
// queued by the scheduler (serverstore.MailSurveyOpens and
// MailSurveyReminder): what it is, the programme's name, the last day to
// answer, that the answers are private, and to open the app. Never an
// answer. Each is checked again in the snapshot it is composed from: no
// mail to someone who answered meanwhile, or once the survey closed. A
// person of the daily digest reads them in their digest, like the other
// news of the programme.

var (
	wordAnswerBy = [2]string{"回答の期限", "Please answer by"}
)

// formatDate writes a day: 2027年3月14日(日), or Sun, 14 Mar 2027.
func formatDate(lang string, t time.Time) string {
	t = t.In(app.Tokyo)
	if lang == langEN {
		return weekdaysEN[t.Weekday()] + ", " + strconv.Itoa(t.Day()) + " " + t.Month().String()[:3] + " " +
			strconv.Itoa(t.Year())
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日(" +
		weekdaysJA[t.Weekday()] + ")"
}

// programmeLetters ask ev.To for the programme survey of the cohort that
// ev.Data names: opened, or a reminder.
func programmeLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	var d serverstore.SurveyMailData
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return nil, fmt.Errorf("programme survey event: %w", err)
	}
	due, err := q.ProgrammeSurveyDue(ctx, d.CohortID, ev.To, ev.At)
	if err != nil {
		return nil, err
	}
	reminder := ev.Kind == serverstore.MailSurveyReminder
	if !due.Open || (reminder && !due.Remind) {
		return nil, nil // answered meanwhile, closed, or no longer asked
	}
	c, err := q.Cohort(ctx, d.CohortID)
	if err != nil {
		return nil, err
	}
	me, err := q.Person(ctx, ev.To)
	if err != nil {
		return nil, err
	}
	last := due.Closes.AddDate(0, 0, -1) // Closes is the first day after it
	return []addressed{{to: me, digest: true, key: serverstore.SurveyMailKey(ev.Kind, c.ID, me.ID),
		write: func(lang string) letter { return programmeLetter(lang, c.Name, last, reminder) }}}, nil
}

// programmeLetter asks, in lang, for the programme survey of the
// programme named name, whose last day to answer is last; reminder for
// the second time.
func programmeLetter(lang, name string, last time.Time, reminder bool) letter {
	day := formatDate(lang, last)
	quoted := pick(lang, [2]string{"「" + name + "」", "“" + name + "”"})
	l := letter{Kind: "programme.survey_open",
		Subject: pick(lang, [2]string{"プログラムのふりかえりのお願い（" + name + "）",
			"Please look back on your programme (" + name + ")"}),
		Blocks: []block{{Paras: []string{pick(lang, [2]string{
			quoted + "のプログラムのふりかえりが始まりました。クロストークをされた方にお願いしています。",
			"The look back on the programme " + quoted + " has begun. We ask everyone who held a cross talk."})}}},
		Open: pick(lang, [2]string{"CrossTalk のアプリを開いて、受信箱のお知らせからお答えください。",
			"Please open CrossTalk and answer from the notice in your inbox."}),
	}
	if reminder {
		l.Kind = "programme.survey_reminder"
		l.Subject = pick(lang, [2]string{"プログラムのふりかえりは" + day + "までです",
			"Reminder: the look back on your programme closes on " + day})
		l.Blocks = []block{{Paras: []string{pick(lang, [2]string{
			quoted + "のプログラムのふりかえりに、まだお答えいただいていないようです。ぜひお聞かせください。",
			"We have not yet had your look back on the programme " + quoted + ". We would like to hear from you."})}}}
	}
	l.Blocks = append(l.Blocks, block{Paras: []string{
		pick(lang, [2]string{
			"プログラム全体の満足度などを伺う3つの質問と、短い自由回答が2つ、キャリアについての自己評価です。",
			"Three questions such as your overall satisfaction, two short free answers, and the career self-assessment."}),
		label(lang, wordAnswerBy, day),
		pick(lang, [2]string{
			"ご回答は、人事のご担当者にも、ほかの参加者にも、お一人おひとりの回答として見られることはありません。",
			"Your answers are private: neither HR nor other participants ever see them individually."}),
	}})
	return l
}
