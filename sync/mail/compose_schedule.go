package mail

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"crosstalk/app"
	"crosstalk/app/ical"
	"crosstalk/data/serverstore"
)

// The mails of the scheduler (serverstore.QueueScheduledMail): the
// reminders of a talk, a day before (with the talk as an .ics file) and
// an hour before, to both its people; an offer about to expire, to whoever
// must answer it; the daily digest; and HR's and the secretariat's weekly
// summary.

// reminderLetters remind both people of talk ev.TalkID.
func reminderLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	t, err := q.Talk(ctx, ev.TalkID)
	if err != nil {
		return nil, err
	}
	if t.State != app.TalkScheduled {
		return nil, nil
	}
	a, err := q.Person(ctx, t.AID)
	if err != nil {
		return nil, err
	}
	b, err := q.Person(ctx, t.BID)
	if err != nil {
		return nil, err
	}
	day := ev.Kind == serverstore.MailRemindDay
	key := "remind-hour:"
	if day {
		key = "remind-day:"
	}
	key += t.ID + ":" + strconv.FormatInt(t.Start.UnixMilli(), 10) + ":"
	var out []addressed
	for _, pair := range [][2]serverstore.MailPerson{{a, b}, {b, a}} {
		me, other := pair[0], pair[1]
		out = append(out, addressed{to: me, key: key + me.ID, write: func(lang string) letter {
			when := formatDateTime(lang, t.Start)
			l := letter{Kind: "talk.remind_hour",
				Subject: pick(lang, [2]string{"1時間後にクロストークがあります", "Your cross talk starts in an hour"}),
				Blocks: []block{{Paras: []string{pick(lang, [2]string{
					when + "から、" + person(lang, other) + "とのクロストークです（" + modeName(lang, t.Mode) + "）。",
					"Your cross talk with " + person(lang, other) + " starts at " + when + " (" + modeName(lang, t.Mode) + ")."})}},
					talkFacts(lang, t, other)}}
			if day {
				l.Kind = "talk.remind_day"
				l.Subject = pick(lang, [2]string{"クロストークのお知らせ（" + when + "）", "Reminder: your cross talk on " + when})
				l.Blocks = append(l.Blocks, block{Paras: []string{pick(lang, [2]string{
					"予定表に入れるためのファイルを添付しました。",
					"The talk is attached as a calendar file."})}})
				l.Attach = []Attachment{{Name: ical.FileName(t), ContentType: "text/calendar; charset=UTF-8; method=PUBLISH",
					Data: talkICS(lang, t, other, ev.At)}}
			}
			return l
		}})
	}
	return out, nil
}

// expiringLetters tell whoever must answer offer ev.OfferID that it
// expires soon.
func expiringLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	o, err := q.Offer(ctx, ev.OfferID)
	if err != nil {
		return nil, err
	}
	if o.State != app.OfferPending || o.Turn == "" {
		return nil, nil
	}
	me, err := q.Person(ctx, o.Turn)
	if err != nil {
		return nil, err
	}
	other, err := q.Person(ctx, o.Other(o.Turn))
	if err != nil {
		return nil, err
	}
	key := "expiring:" + o.ID + ":" + strconv.FormatInt(o.ExpiresAt.UnixMilli(), 10) + ":" + me.ID
	return []addressed{{to: me, key: key, digest: true, write: func(lang string) letter {
		return letter{Kind: "offer.expiring",
			Subject: pick(lang, [2]string{person(lang, other) + "とのオファーの期限が近づいています", "Your offer with " + person(lang, other) + " expires soon"}),
			Blocks: []block{{Paras: []string{
				pick(lang, [2]string{person(lang, other) + "とのオファーが、お返事を待っています。",
					"An offer with " + person(lang, other) + " is waiting for your answer."}),
				label(lang, wordDue, formatDateTime(lang, o.ExpiresAt)),
				pick(lang, [2]string{"期限を過ぎると、オファーは無効になります。", "After that, the offer expires."}),
			}}}}
	}}}, nil
}

// digestLetters list the events kept for ev.To since their last digest.
func digestLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	if len(ev.Digest) == 0 {
		return nil, nil
	}
	me, err := q.Person(ctx, ev.To)
	if err != nil {
		return nil, err
	}
	var blocks []block
	for _, e := range ev.Digest {
		var d digestData
		if err := json.Unmarshal(e.Data, &d); err != nil {
			return nil, fmt.Errorf("digest entry %s: %w", e.Kind, err)
		}
		blocks = append(blocks, block{Heading: d.Subject, Pre: d.Text})
	}
	n := strconv.Itoa(len(ev.Digest))
	return []addressed{{to: me, write: func(lang string) letter {
		head := block{Paras: []string{pick(lang, [2]string{
			"前回のお知らせから、" + n + "件の出来事がありました。",
			n + " things happened since your last digest."})}}
		return letter{Kind: "digest",
			Subject: pick(lang, [2]string{"CrossTalk のお知らせ（" + n + "件）", "CrossTalk: your daily digest (" + n + ")"}),
			Blocks:  append([]block{head}, blocks...)}
	}}}, nil
}

// weeklyLetters are the weekly summary of ev.To's scope: counts only.
func weeklyLetters(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]addressed, error) {
	me, err := q.Person(ctx, ev.To)
	if err != nil {
		return nil, err
	}
	if len(ev.Weekly) == 0 || (me.Role != app.RoleHR && me.Role != app.RoleSecretariat) {
		return nil, nil
	}
	return []addressed{{to: me, write: func(lang string) letter {
		l := letter{Kind: "weekly",
			Subject: pick(lang, [2]string{"CrossTalk 週間のまとめ", "CrossTalk: the week's summary"}),
			Blocks: []block{{Paras: []string{pick(lang, [2]string{
				"CrossTalk の今の様子をお知らせします。数字は、人数と件数だけです。",
				"Here is how CrossTalk is going. The figures are counts only."})}}},
			Open: pick(lang, [2]string{"くわしい数字は、CrossTalk の管理画面でご覧ください。",
				"Please open CrossTalk's dashboard for the details."})}
		for _, f := range ev.Weekly {
			title := f.CohortName
			if f.CompanyName != "" {
				title += pick(lang, [2]string{"（" + f.CompanyName + "）", " (" + f.CompanyName + ")"})
			}
			b := block{Heading: title}
			if !f.Shown {
				b.Paras = []string{pick(lang, [2]string{
					"参加者が" + strconv.Itoa(app.MinGroup) + "人未満のため、数字は表示しません。",
					"Fewer than " + strconv.Itoa(app.MinGroup) + " participants: the figures are not shown."})}
			} else {
				b.List = []string{
					label(lang, [2]string{"参加者", "Participants"}, strconv.Itoa(f.Participants)),
					label(lang, [2]string{"送られたオファー", "Offers sent"}, strconv.Itoa(f.OffersSent)),
					label(lang, [2]string{"決まったクロストーク", "Talks agreed"}, strconv.Itoa(f.TalksAgreed)),
					label(lang, [2]string{"実施されたクロストーク", "Talks held"}, strconv.Itoa(f.TalksHeld)),
				}
			}
			l.Blocks = append(l.Blocks, b)
		}
		return l
	}}}, nil
}
