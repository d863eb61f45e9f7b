package mail

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
)

const secret = "<script>alert(1)</script> 秘密のメッセージ & よろしく"

// An offer and everything after it, end to end: each mail goes to the
// other person only, says who and when in Japan time, escapes the HTML,
// links to CrossTalk, and the offer's message is only in its recipient's
// mail of the new offer.
func TestOfferAndTalkMails(t *testing.T) {
	w := newWorld(t)
	send := sendArgs("b1", secret)
	w.must("a1", app.OfferSend, send, now)
	m := one(t, w.deliver(), "b1")
	if m.Subject != "山田 太郎さん（株式会社A<&>商事）からクロストークのオファーが届きました" {
		t.Errorf("subject %q", m.Subject)
	}
	has(t, "new offer text", m.Text, "鈴木 一郎 様", "2026年11月28日(土) 14:00〜15:00", "2026年11月29日(日) 10:00〜11:00",
		"方法：オンライン", "お返事の期限：2026年12月2日(水) 10:00", "> "+secret, publicURL, "\n--\nCrossTalk")
	has(t, "new offer HTML", m.HTML, "&lt;script&gt;alert(1)&lt;/script&gt; 秘密のメッセージ &amp; よろしく",
		"株式会社A&lt;&amp;&gt;商事", `<a href="`+publicURL+`">`, "<p>CrossTalk</p>")
	lacks(t, "new offer HTML", m.HTML, "<script>", "<&>")
	if got := m.Header.Get("Message-Id"); !strings.HasSuffix(got, "@crosstalk.example.jp>") {
		t.Errorf("Message-ID %q", got)
	}

	w.must("b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: at(3, 14), Place: "https://meet.example.jp/x"}, now.Add(time.Hour))
	m = one(t, w.deliver(), "a1")
	if m.Subject != "鈴木 一郎さん（B銀行）がオファーを承諾されました" {
		t.Errorf("subject %q", m.Subject)
	}
	has(t, "accepted", m.Text, "山田 太郎 様", "日時：2026年11月28日(土) 14:00〜15:00", "お相手：鈴木 一郎さん（B銀行）",
		"場所・リンク：https://meet.example.jp/x")
	talkID := app.TalkIDFor(send.ID)

	w.must("a1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: talkID, Start: at(5, 16)}, now.Add(2*time.Hour))
	m = one(t, w.deliver(), "b1")
	has(t, "time proposed", m.Subject, "山田 太郎さん（株式会社A<&>商事）から日時の変更の提案が届きました")
	has(t, "time proposed", m.Text, "今の日時：2026年11月28日(土) 14:00〜15:00", "提案された日時：2026年11月30日(月) 16:00〜17:00")

	w.must("b1", app.TalkDeclineTime, app.TimeAnswerArgs{TalkID: talkID, Start: at(5, 16)}, now.Add(3*time.Hour))
	m = one(t, w.deliver(), "a1")
	has(t, "time declined", m.Subject, "日時の変更は見送られました")
	has(t, "time declined", m.Text, "今の日時のままです", "日時：2026年11月28日(土) 14:00〜15:00")

	w.must("b1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: talkID, Start: at(6, 9)}, now.Add(4*time.Hour))
	one(t, w.deliver(), "a1")
	w.must("a1", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: talkID, Start: at(6, 9)}, now.Add(5*time.Hour))
	m = one(t, w.deliver(), "b1")
	has(t, "time accepted", m.Subject, "クロストークの日時が変わりました")
	has(t, "time accepted", m.Text, "日時：2026年12月1日(火) 09:00〜10:00")

	w.must("b1", app.TalkCancel, app.CancelTalkArgs{TalkID: talkID, Reason: "health"}, now.Add(6*time.Hour))
	m = one(t, w.deliver(), "a1")
	has(t, "cancelled", m.Subject, "クロストークが中止になりました")
	has(t, "cancelled", m.Text, "2026年12月1日(火) 09:00〜10:00のクロストークを中止されました", "理由：体調がすぐれません")

	for _, m := range w.sink.Messages() {
		if m.Subject == "山田 太郎さん（株式会社A<&>商事）からクロストークのオファーが届きました" {
			continue
		}
		lacks(t, "mail "+m.Subject, m.Text+m.HTML+string(m.Raw), "秘密のメッセージ", "秘密")
	}
	if n := len(w.sink.Messages()); n != 7 {
		t.Errorf("%d mails in all, want 7", n)
	}
}

// An English reader gets English; a counter-proposal goes back to the
// sender with the new times; a decline tells the sender the reason in
// the app's words, never the offer's message.
func TestEnglishCounterAndDecline(t *testing.T) {
	w := newWorld(t)
	send := sendArgs("b2", secret)
	w.must("a1", app.OfferSend, send, now)
	m := one(t, w.deliver(), "b2")
	if m.Subject != "New cross talk offer from 山田 太郎 (株式会社A<&>商事)" {
		t.Errorf("subject %q", m.Subject)
	}
	has(t, "English offer", m.Text, "Dear Alex Brown,", "Proposed times (Japan time)", "Sat, 28 Nov 2026 14:00–15:00",
		"How: Online", "Please answer by: Wed, 2 Dec 2026 10:00", "Please open CrossTalk to see it.", publicURL)
	lacks(t, "English offer", m.Text, "様", "です")

	w.must("b2", app.OfferCounter, app.CounterOfferArgs{OfferID: send.ID, Slots: []time.Time{at(7, 15)}, Message: "counter " + secret}, now.Add(time.Hour))
	m = one(t, w.deliver(), "a1")
	has(t, "counter", m.Subject, "Alex Brownさん（B銀行）から別の日時の提案が届きました")
	has(t, "counter", m.Text, "2026年12月2日(水) 15:00〜16:00", "ご都合のよい日時をお選びください。")
	lacks(t, "counter", m.Text+m.HTML, "秘密", "counter")

	w.must("b2", app.OfferDecline, app.DeclineOfferArgs{OfferID: send.ID, Reason: "theme", Note: "note " + secret}, now.Add(2*time.Hour))
	m = one(t, w.deliver(), "a1")
	has(t, "declined", m.Subject, "Alex Brownさん（B銀行）がオファーを辞退されました")
	has(t, "declined", m.Text, "理由：話したいテーマが合いませんでした。")
	lacks(t, "declined", m.Text+m.HTML, "秘密")
}

// A rejected mutation changes nothing and queues nothing.
func TestRejectedMutationQueuesNothing(t *testing.T) {
	w := newWorld(t)
	if code := w.do("a1", app.OfferSend, sendArgs("a2", secret), now); code != app.CodeSameCompany {
		t.Fatalf("offer to a colleague: %q", code)
	}
	past := sendArgs("b1", secret)
	past.Slots = []time.Time{now.Add(-time.Hour)}
	if code := w.do("a1", app.OfferSend, past, now); code != app.CodeSlotInPast {
		t.Fatalf("offer in the past: %q", code)
	}
	if code := w.do("b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: past.ID, Start: at(3, 14)}, now); code != app.CodeNotFound {
		t.Fatalf("accept of no offer: %q", code)
	}
	if n := w.queued(); n != 0 {
		t.Fatalf("%d mails queued for rejected mutations", n)
	}
}

// No mail to a person who chose none, whose address fails, or who has
// none; a person of the daily digest gets a digest row instead.
func TestNoMailForNoneFailingOrNoAddress(t *testing.T) {
	w := newWorld(t)
	for _, to := range []string{"c2", "d1", "d2"} {
		w.must("a1", app.OfferSend, sendArgs(to, secret), now)
	}
	w.must("a2", app.OfferSend, sendArgs("c1", secret), now)
	if n := w.queued(); n != 0 {
		t.Fatalf("%d mails queued", n)
	}
	var n int
	var data string
	if err := w.st.DB().QueryRow(`SELECT count(*), max(data) FROM mail_digest WHERE participant_id = ?`, pid("c1")).Scan(&n, &data); err != nil {
		t.Fatal(err)
	}
	if n != 1 || !strings.Contains(data, "佐藤 花子さん") || !strings.Contains(data, "秘密のメッセージ") {
		t.Fatalf("%d digest rows for c1: %s", n, data)
	}
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM mail_digest WHERE participant_id <> ?`, pid("c1")).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d digest rows of others, %v", n, err)
	}
}

// Without a Mailer nothing is composed nor queued.
func TestNoMailerNoMail(t *testing.T) {
	w := newWorld(t)
	w.st.SetMailer(nil)
	w.must("a1", app.OfferSend, sendArgs("b1", secret), now)
	if n, err := w.st.QueueScheduledMail(context.Background(), at(2, 9)); err != nil || n != 0 {
		t.Fatalf("scheduled without a mailer: %d, %v", n, err)
	}
	if n := w.queued(); n != 0 {
		t.Fatalf("%d mails queued without a mailer", n)
	}
}
