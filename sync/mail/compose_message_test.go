package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
)

// A message in a thread mails the other side — in their language — who
// wrote, never the text; at most once per thread and person in an hour;
// a reader of the daily digest gets a digest row without the text; the
// writer and no one else gets nothing; a read mark mails no one.
func TestMessageMails(t *testing.T) {
	w := newWorld(t)
	send := sendArgs("b1", "はじめまして。")
	w.must("a1", app.OfferSend, send, now)
	one(t, w.deliver(), "b1")
	say := func(who, offerID, talkID string, clock time.Time) string {
		id := uuid.NewString()
		w.must(who, app.MessageSend, app.SendMessageArgs{ID: id, OfferID: offerID, TalkID: talkID, Text: "URL です " + secret}, clock)
		return id
	}

	first := say("a1", send.ID, "", now.Add(time.Minute))
	m := one(t, w.deliver(), "b1")
	has(t, "message", m.Subject, "山田 太郎さん（株式会社A<&>商事）からメッセージが届きました")
	has(t, "message", m.Text, "鈴木 一郎 様", "クロストークについてのメッセージが届きました。", "メッセージは CrossTalk のアプリでご覧ください。", publicURL)
	lacks(t, "message", m.Text+m.HTML+string(m.Raw), "秘密", "URL です")

	// More in the same hour: no new mail; the answer goes to a1.
	say("a1", send.ID, "", now.Add(20*time.Minute))
	w.must("b1", app.MessageRead, app.ReadMessagesArgs{OfferID: send.ID, UpToID: first}, now.Add(21*time.Minute))
	if ms := w.deliver(); len(ms) != 0 {
		t.Fatalf("a second message in the hour and a read mark mailed %d", len(ms))
	}
	say("b1", send.ID, "", now.Add(22*time.Minute))
	has(t, "answer", one(t, w.deliver(), "a1").Subject, "鈴木 一郎さん（B銀行）からメッセージが届きました")
	// The next hour, on the talk: b1 hears again.
	w.must("b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: at(3, 14)}, now.Add(30*time.Minute))
	one(t, w.deliver(), "a1")
	say("a1", "", app.TalkIDFor(send.ID), now.Add(70*time.Minute))
	has(t, "on the talk", one(t, w.deliver(), "b1").Subject, "山田 太郎さん（株式会社A<&>商事）からメッセージが届きました")

	// English, and the daily digest.
	en := sendArgs("b2", "Hello")
	w.must("a2", app.OfferSend, en, now)
	digest := sendArgs("c1", "こんにちは")
	w.must("a3", app.OfferSend, digest, now)
	w.deliver()
	say("a2", en.ID, "", now.Add(2*time.Hour))
	say("a3", digest.ID, "", now.Add(2*time.Hour))
	m = one(t, w.deliver(), "b2")
	has(t, "English", m.Subject, "New message from 佐藤 花子 (株式会社A<&>商事)")
	has(t, "English", m.Text, "sent you a message about your cross talk.", "Please open CrossTalk to read it.")
	lacks(t, "English", m.Text+m.HTML, "秘密")
	var rows int
	var data string
	if err := w.st.DB().QueryRow(`SELECT count(*), group_concat(data) FROM mail_digest WHERE participant_id = ? AND kind = 'message.new'`,
		pid("c1")).Scan(&rows, &data); err != nil {
		t.Fatal(err)
	}
	if rows != 1 || !strings.Contains(data, "木村 一さん") || strings.Contains(data, "秘密") {
		t.Errorf("%d digest rows of the message for c1: %s", rows, data)
	}
}
