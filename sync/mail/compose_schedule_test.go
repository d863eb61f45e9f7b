package mail

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/ical/icaltest"
	"crosstalk/sync/mail/mailsink"
)

// schedule runs the scheduler at clock and delivers what it queued.
func (w *world) schedule(clock time.Time) []mailsink.Mail {
	w.t.Helper()
	if _, err := w.st.QueueScheduledMail(context.Background(), clock); err != nil {
		w.t.Fatal(err)
	}
	return w.deliver()
}

// to keeps the mails of ms to the people whos.
func to(ms []mailsink.Mail, whos ...string) []mailsink.Mail {
	var out []mailsink.Mail
	for _, m := range ms {
		for _, who := range whos {
			if m.Rcpt[0] == who+"@example.jp" {
				out = append(out, m)
			}
		}
	}
	return out
}

var staff = []string{"ha", "hb", "s1"}

// A talk is reminded a day before, with an .ics file, and an hour before,
// once each however often the sweep runs; moved, it is reminded again at
// its new time; cancelled, never.
func TestReminders(t *testing.T) {
	w := newWorld(t)
	send := sendArgs("b1", secret)
	w.must("a1", app.OfferSend, send, now)
	w.must("b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: at(3, 14)}, now)
	w.deliver()
	start := at(3, 14) // Saturday 28 November, 14:00

	if ms := to(w.schedule(start.Add(-25*time.Hour)), "a1", "b1"); len(ms) != 0 {
		t.Fatalf("%d reminders 25 hours before", len(ms))
	}
	ms := w.schedule(start.Add(-23 * time.Hour))
	for _, who := range []string{"a1", "b1"} {
		m := one(t, to(ms, who), who)
		if m.Subject != "クロストークのお知らせ（2026年11月28日(土) 14:00）" {
			t.Errorf("day reminder to %s: %q", who, m.Subject)
		}
		has(t, "day reminder", m.Text, "日時：2026年11月28日(土) 14:00〜15:00", "予定表に入れるためのファイルを添付しました。")
		ics := m.Attachments["crosstalk-2026-11-28.ics"]
		if ics == nil {
			t.Fatalf("day reminder to %s without its .ics: %v", who, m.Attachments)
		}
		ev := checkICS(t, ics)
		if ev["UID"] != send.ID+"@crosstalk.jp" || ev["DTSTART"] != "2026-11-28T14:00:00+09:00" || ev["DTEND"] != "2026-11-28T15:00:00+09:00" {
			t.Errorf("calendar event %v", ev)
		}
	}
	has(t, "a1's reminder", to(ms, "a1")[0].Text, "お相手：鈴木 一郎さん（B銀行）")
	has(t, "b1's reminder", to(ms, "b1")[0].Text, "お相手：山田 太郎さん（株式会社A<&>商事）")
	if ms := to(w.schedule(start.Add(-22*time.Hour)), "a1", "b1"); len(ms) != 0 {
		t.Fatalf("%d reminders again", len(ms))
	}
	ms = to(w.schedule(start.Add(-50*time.Minute)), "a1", "b1")
	if len(ms) != 2 || ms[0].Subject != "1時間後にクロストークがあります" || len(ms[0].Attachments) != 0 {
		t.Fatalf("hour reminders: %d, %+v", len(ms), ms)
	}
	has(t, "hour reminder", ms[0].Text, "2026年11月28日(土) 14:00から、")
	if ms := to(w.schedule(start.Add(-10*time.Minute)), "a1", "b1"); len(ms) != 0 {
		t.Fatalf("%d hour reminders again", len(ms))
	}

	// A second talk, moved: reminded at its new time only.
	send2 := sendArgs("b2", "hello")
	w.must("a2", app.OfferSend, send2, now)
	w.must("b2", app.OfferAccept, app.AcceptOfferArgs{OfferID: send2.ID, Start: at(4, 10)}, now)
	talk2 := app.TalkIDFor(send2.ID)
	w.must("a2", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: talk2, Start: at(6, 9)}, now)
	w.must("b2", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: talk2, Start: at(6, 9)}, now)
	w.deliver()
	if ms := to(w.schedule(at(4, 10).Add(-50*time.Minute)), "a2", "b2"); len(ms) != 0 {
		t.Fatalf("%d reminders at the old time", len(ms))
	}
	ms = to(w.schedule(at(6, 9).Add(-20*time.Hour)), "a2", "b2")
	if len(ms) != 2 {
		t.Fatalf("%d day reminders at the new time", len(ms))
	}
	if m := to(ms, "b2")[0]; m.Subject != "Reminder: your cross talk on Tue, 1 Dec 2026 09:00" || m.Attachments["crosstalk-2026-12-01.ics"] == nil {
		t.Fatalf("English day reminder %q, %v", m.Subject, m.Attachments)
	}
	w.must("b2", app.TalkCancel, app.CancelTalkArgs{TalkID: talk2, Reason: "work"}, at(6, 9).Add(-2*time.Hour))
	w.deliver()
	if ms := to(w.schedule(at(6, 9).Add(-30*time.Minute)), "a2", "b2"); len(ms) != 0 {
		t.Fatalf("%d reminders of a cancelled talk", len(ms))
	}
}

// An offer that expires within a day tells whoever must answer it, once.
func TestExpiringOffer(t *testing.T) {
	w := newWorld(t)
	w.must("a1", app.OfferSend, sendArgs("b1", secret), now)
	w.deliver()
	expires := now.AddDate(0, 0, 7)
	if ms := to(w.schedule(expires.Add(-25*time.Hour)), "a1", "b1"); len(ms) != 0 {
		t.Fatalf("%d mails 25 hours before expiry", len(ms))
	}
	m := one(t, to(w.schedule(expires.Add(-23*time.Hour)), "a1", "b1"), "b1")
	if m.Subject != "山田 太郎さん（株式会社A<&>商事）とのオファーの期限が近づいています" {
		t.Errorf("subject %q", m.Subject)
	}
	has(t, "expiring", m.Text, "お返事の期限：2026年12月2日(水) 10:00")
	lacks(t, "expiring", m.Text+m.HTML, "秘密")
	if ms := to(w.schedule(expires.Add(-time.Hour)), "a1", "b1"); len(ms) != 0 {
		t.Fatalf("%d mails again", len(ms))
	}
}

// A person of the daily digest gets, from 08:00 Japan time, one mail that
// lists what was kept for them before; the rows go with it.
func TestDailyDigest(t *testing.T) {
	w := newWorld(t)
	w.must("a1", app.OfferSend, sendArgs("c1", "first message"), now)
	w.must("a2", app.OfferSend, sendArgs("c1", "second message"), now)
	if ms := to(w.schedule(now.Add(5*time.Minute)), "c1"); len(ms) != 0 {
		t.Fatalf("%d digests the same day", len(ms))
	}
	if ms := to(w.schedule(at(1, 7).Add(59*time.Minute)), "c1"); len(ms) != 0 {
		t.Fatalf("%d digests before 08:00", len(ms))
	}
	m := one(t, to(w.schedule(at(1, 8)), "c1"), "c1")
	if m.Subject != "CrossTalk のお知らせ（2件）" {
		t.Errorf("subject %q", m.Subject)
	}
	has(t, "digest", m.Text, "伊藤 誠 様", "前回のお知らせから、2件の出来事がありました。",
		"■ 山田 太郎さん（株式会社A<&>商事）からクロストークのオファーが届きました", "  ・2026年11月28日(土) 14:00〜15:00",
		"> first message", "■ 佐藤 花子さん（株式会社A<&>商事）からクロストークのオファーが届きました", "second message", publicURL)
	has(t, "digest HTML", m.HTML, "株式会社A&lt;&amp;&gt;商事")
	var n int
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM mail_digest`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d digest rows left, %v", n, err)
	}
	w.must("a3", app.OfferSend, sendArgs("c1", "third"), at(1, 9))
	if ms := to(w.schedule(at(1, 10)), "c1"); len(ms) != 0 {
		t.Fatalf("%d digests twice a day", len(ms))
	}
	m = one(t, to(w.schedule(at(2, 8)), "c1"), "c1")
	has(t, "next digest", m.Subject, "（1件）")
}

// HR and the secretariat who asked get a weekly summary of their scope,
// counts only, once a week from Monday 08:00; a scope of fewer than five
// participants shows no figures.
func TestWeeklySummary(t *testing.T) {
	w := newWorld(t)
	send := sendArgs("b1", secret)
	w.must("a1", app.OfferSend, send, now)
	w.must("b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: at(3, 14)}, now)
	w.must("a2", app.OfferSend, sendArgs("c1", secret), now)
	w.deliver()
	ms := to(w.schedule(now), staff...)
	ha := one(t, to(ms, "ha"), "ha")
	if ha.Subject != "CrossTalk 週間のまとめ" {
		t.Errorf("subject %q", ha.Subject)
	}
	has(t, "HR of A", ha.Text, "■ 2026年度 第2期（株式会社A<&>商事）", "参加者：5", "送られたオファー：2", "決まったクロストーク：1", "実施されたクロストーク：0")
	lacks(t, "HR of A", ha.Text+ha.HTML, "山田", "佐藤", "鈴木", "秘密")
	hb := one(t, to(ms, "hb"), "hb")
	has(t, "HR of B", hb.Text, "■ 2026年度 第2期（B銀行）", "参加者が5人未満のため、数字は表示しません。")
	lacks(t, "HR of B", hb.Text, "送られたオファー")
	s1 := one(t, to(ms, "s1"), "s1")
	has(t, "secretariat", s1.Text, "■ 2026年度 第2期\n", "Participants: 11", "Offers sent: 2", "Talks agreed: 1")
	if ms := to(w.schedule(now.Add(time.Hour)), staff...); len(ms) != 0 {
		t.Fatalf("%d summaries again the same week", len(ms))
	}
	monday := at(5, 8) // Monday 30 November
	if ms := to(w.schedule(monday.Add(-time.Minute)), staff...); len(ms) != 0 {
		t.Fatalf("%d summaries before Monday 08:00", len(ms))
	}
	if ms := to(w.schedule(monday), staff...); len(ms) != 3 {
		t.Fatalf("%d summaries on Monday", len(ms))
	}
}

// checkICS reads a calendar file with the strict parser the app's own
// test uses, and returns its one event's values.
func checkICS(t *testing.T, ics []byte) map[string]any {
	t.Helper()
	evs := icaltest.Parse(t, ics)
	if len(evs) != 1 {
		t.Fatalf("%d events in the file, want 1", len(evs))
	}
	return evs[0]
}
