package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// The message thread of an offer and its talk (issue 19).

// pendingThread sends an offer from a1 to b1: x["o"] is its id.
func pendingThread(t *testing.T, st *data.Store) ids {
	return ids{"o": fixture.Send(t, st, "a1", "b1")}
}

// talkThread is pendingThread accepted by b1: x["k"] is the talk's id.
func talkThread(t *testing.T, st *data.Store) ids {
	x := pendingThread(t, st)
	fixture.Must(t, st, "b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: x["o"], Start: fixture.At(3, 14)}, fixture.Now)
	x["k"] = app.TalkIDFor(x["o"])
	return x
}

// withMessage adds to setup a message of a1 in its thread: x["m"].
func withMessage(setup func(*testing.T, *data.Store) ids) func(*testing.T, *data.Store) ids {
	return func(t *testing.T, st *data.Store) ids {
		x := setup(t, st)
		x["m"] = fixture.NewID()
		fixture.Must(t, st, "a1", app.MessageSend, app.SendMessageArgs{ID: x["m"], OfferID: x["o"], Text: "よろしくお願いします。"}, fixture.Now)
		return x
	}
}

// say sends text as who in the thread of x["o"] (byTalk: named by x["k"]).
func say(who, text string, byTalk bool, clock time.Time) func(*data.Store, ids) error {
	return func(st *data.Store, x ids) error {
		a := app.SendMessageArgs{ID: fixture.NewID(), OfferID: x["o"], Text: text}
		if byTalk {
			a.OfferID, a.TalkID = "", x["k"]
		}
		x["sent"] = a.ID
		return fixture.Run(st, who, app.MessageSend, a, clock)
	}
}

// messageOf reads a message back through a transaction.
func messageOf(t *testing.T, st *data.Store, id string) app.Message {
	t.Helper()
	var m app.Message
	if err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		m, err = tx.Message(context.Background(), id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return m
}

// stored checks that the message just sent (x["sent"]) is in the offer's
// thread as authored by from to to at the clock at, with text, numbered
// seq.
func stored(from, to, text string, seq int, at time.Time) func(*testing.T, *data.Store, ids) {
	return func(t *testing.T, st *data.Store, x ids) {
		m := messageOf(t, st, x["sent"])
		if m.ThreadID != x["o"] || m.AuthorID != fixture.PID(from) || m.ToID != fixture.PID(to) || m.Text != text ||
			m.Seq != seq || !m.CreatedAt.Equal(at) {
			t.Errorf("stored %+v", m)
		}
	}
}

func TestMessageSend(t *testing.T) {
	declined := func(t *testing.T, st *data.Store) ids {
		x := withMessage(pendingThread)(t, st)
		fixture.Must(t, st, "b1", app.OfferDecline, app.DeclineOfferArgs{OfferID: x["o"], Reason: "schedule"}, fixture.Now)
		return x
	}
	withdrawn := func(t *testing.T, st *data.Store) ids {
		x := pendingThread(t, st)
		fixture.Must(t, st, "a1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: x["o"]}, fixture.Now)
		return x
	}
	cancelled := func(t *testing.T, st *data.Store) ids {
		x := talkThread(t, st)
		fixture.Must(t, st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: x["k"], Reason: "schedule"}, fixture.Now)
		return x
	}
	held := func(t *testing.T, st *data.Store) ids {
		x := talkThread(t, st)
		fixture.Must(t, st, "b1", app.TalkMarkHeld, app.TalkArgs{TalkID: x["k"]}, fixture.At(3, 16))
		return x
	}
	// busy: a1 wrote a day's worth of messages into the pending thread.
	busy := func(t *testing.T, st *data.Store) ids {
		x := pendingThread(t, st)
		for range app.MaxMessagesPerDay {
			fixture.Must(t, st, "a1", app.MessageSend, app.SendMessageArgs{ID: fixture.NewID(), OfferID: x["o"], Text: "確認です。"}, fixture.Now)
		}
		return x
	}
	expiry := fixture.Now.AddDate(0, 0, app.DefaultRules.OfferExpiryDays)
	const multiline = "本日はありがとうございます。\n会議の URL です。\r\n\thttps://meet.example.jp/abc"
	const script = "javascript:alert(document.cookie)"
	long := strings.Repeat("あ", app.MaxThreadMessageRunes)
	runCases(t, []mcase{
		{name: "the sender of a pending offer", setup: pendingThread, act: say("a1", multiline, false, fixture.Now),
			check: stored("a1", "b1", multiline, 1, fixture.Now)},
		{name: "its recipient, after a message", setup: withMessage(pendingThread), act: say("b1", "こちらこそ。", false, fixture.Now),
			check: stored("b1", "a1", "こちらこそ。", 2, fixture.Now)},
		{name: "a javascript: URL is kept as text", setup: pendingThread, act: say("a1", script, false, fixture.Now),
			check: stored("a1", "b1", script, 1, fixture.Now)},
		{name: "1,000 characters", setup: pendingThread, act: say("b1", long, false, fixture.Now), check: stored("b1", "a1", long, 1, fixture.Now)},
		{name: "the talk's thread is its offer's", setup: withMessage(talkThread), act: say("b1", "当日はよろしくお願いします。", true, fixture.Now),
			check: stored("b1", "a1", "当日はよろしくお願いします。", 2, fixture.Now)},
		{name: "an accepted offer named by its id", setup: talkThread, act: say("a1", "少し遅れます。", false, fixture.At(3, 14)),
			check: stored("a1", "b1", "少し遅れます。", 1, fixture.At(3, 14))},
		{name: "a word of thanks after the talk", setup: held, act: say("a1", "ありがとうございました。", true, fixture.At(4, 9)),
			check: stored("a1", "b1", "ありがとうございました。", 1, fixture.At(4, 9))},
		{name: "the last instant before expiry", setup: pendingThread, act: say("b1", "確認します。", false, expiry.Add(-time.Millisecond)),
			check: stored("b1", "a1", "確認します。", 1, expiry.Add(-time.Millisecond))},

		{name: "a declined offer", setup: declined, act: say("a1", "残念です。", false, fixture.Now), code: app.CodeThreadClosed},
		{name: "a withdrawn offer", setup: withdrawn, act: say("b1", "承知しました。", false, fixture.Now), code: app.CodeThreadClosed},
		{name: "an expired offer", setup: pendingThread, act: say("b1", "遅くなりました。", false, expiry), code: app.CodeThreadClosed},
		{name: "a cancelled talk", setup: cancelled, act: say("b1", "また今度。", true, fixture.Now), code: app.CodeThreadClosed},

		{name: "a colleague of a side", setup: pendingThread, act: say("a2", "横から失礼します。", false, fixture.Now), code: app.CodeNotFound},
		{name: "someone else, by the talk", setup: talkThread, act: say("c1", "こんにちは。", true, fixture.Now), code: app.CodeNotFound},
		{name: "HR", setup: pendingThread, act: say("e1", "人事です。", false, fixture.Now), code: app.CodeNotAllowed},
		{name: "an unknown offer", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.MessageSend, app.SendMessageArgs{ID: fixture.NewID(), OfferID: fixture.NewID(), Text: "こんにちは。"}, fixture.Now)
		}, code: app.CodeNotFound},
		{name: "both the offer and the talk named", setup: talkThread, act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.MessageSend, app.SendMessageArgs{ID: fixture.NewID(), OfferID: x["o"], TalkID: x["k"], Text: "こんにちは。"}, fixture.Now)
		}, code: app.CodeBadArgs},
		{name: "no thread named", act: func(st *data.Store, _ ids) error {
			return fixture.Run(st, "a1", app.MessageSend, app.SendMessageArgs{ID: fixture.NewID(), Text: "こんにちは。"}, fixture.Now)
		}, code: app.CodeBadArgs},
		{name: "an id that is not a UUID", setup: pendingThread, act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.MessageSend, app.SendMessageArgs{ID: "m1", OfferID: x["o"], Text: "こんにちは。"}, fixture.Now)
		}, code: app.CodeBadArgs},
		{name: "an id used already", setup: withMessage(pendingThread), act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "b1", app.MessageSend, app.SendMessageArgs{ID: x["m"], OfferID: x["o"], Text: "こんにちは。"}, fixture.Now)
		}, code: app.CodeDuplicateID},
		{name: "empty", setup: pendingThread, act: say("a1", "", false, fixture.Now), code: app.CodeBadArgs},
		{name: "blank lines only", setup: pendingThread, act: say("a1", " \n\u3000\n", false, fixture.Now), code: app.CodeBadArgs},
		{name: "1,001 characters", setup: pendingThread, act: say("a1", long+"。", false, fixture.Now), code: app.CodeTooLong},
		{name: "a bell", setup: pendingThread, act: say("a1", "ご確認ください\a", false, fixture.Now), code: app.CodeInvisibleChar},
		{name: "an escape sequence", setup: pendingThread, act: say("a1", "\x1b[2Jご確認ください", false, fixture.Now), code: app.CodeInvisibleChar},
		{name: "a NUL", setup: pendingThread, act: say("a1", "ご確認\x00ください", false, fixture.Now), code: app.CodeBadArgs},
		{name: "a right-to-left override", setup: pendingThread, act: say("a1", "山田\u202Eabc", false, fixture.Now), code: app.CodeInvisibleChar},
		// Texts that show nothing, though each of their characters is
		// allowed somewhere in a text.
		{name: "a zero-width joiner only", setup: pendingThread, act: say("a1", "\u200d", false, fixture.Now), code: app.CodeBadArgs},
		{name: "a variation selector only", setup: pendingThread, act: say("a1", "\ufe0f", false, fixture.Now), code: app.CodeBadArgs},
		{name: "a blank Braille pattern", setup: pendingThread, act: say("a1", "\u2800", false, fixture.Now), code: app.CodeBadArgs},
		{name: "a combining accent only", setup: pendingThread, act: say("a1", "\u0301", false, fixture.Now), code: app.CodeBadArgs},
		{name: "a joiner between spaces", setup: pendingThread, act: say("a1", " \u200d ", false, fixture.Now), code: app.CodeBadArgs},
		{name: "an emoji alone", setup: pendingThread, act: say("a1", "👍", false, fixture.Now), check: stored("a1", "b1", "👍", 1, fixture.Now)},
		// A day's worth of messages from one side; the other side may
		// still answer, and the next day the first may write again.
		{name: "one message too many in a day", setup: busy, act: say("a1", "もう一度失礼します。", false, fixture.Now.Add(time.Hour)), code: app.CodeTooManyMessages},
		{name: "the other side after a busy day", setup: busy, act: say("b1", "拝見しました。", false, fixture.Now.Add(time.Hour)),
			check: stored("b1", "a1", "拝見しました。", app.MaxMessagesPerDay+1, fixture.Now.Add(time.Hour))},
		{name: "a day later", setup: busy, act: say("a1", "おはようございます。", false, fixture.Now.Add(app.MessageDay)),
			check: stored("a1", "b1", "おはようございます。", app.MaxMessagesPerDay+1, fixture.Now.Add(app.MessageDay))},
		// A thread closes ThreadOpenAfterTalk after its talk ended.
		{name: "four weeks after the talk", setup: held, act: say("b1", "その後いかがですか。", true, fixture.At(3+28, 9)),
			check: stored("b1", "a1", "その後いかがですか。", 1, fixture.At(3+28, 9))},
		{name: "five weeks after the talk", setup: held, act: say("b1", "その後いかがですか。", true, fixture.At(3+35, 9)), code: app.CodeThreadClosed},
	})
}

// read marks the thread of x["o"] read by who up to the message x[upTo].
func read(who, upTo string) func(*data.Store, ids) error {
	return func(st *data.Store, x ids) error {
		return fixture.Run(st, who, app.MessageRead, app.ReadMessagesArgs{OfferID: x["o"], UpToID: x[upTo]}, fixture.At(0, 12))
	}
}

// markOf reads who's read mark of the thread of x["o"].
func markOf(t *testing.T, st *data.Store, x ids, who string) app.MessageReadMark {
	t.Helper()
	var r app.MessageReadMark
	if err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		r, err = tx.ThreadReadMark(context.Background(), x["o"], fixture.PID(who))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMessageRead(t *testing.T) {
	// Two messages of a1, one of b1, one of a1: x["m"], x["m2"], x["m3"],
	// x["m4"].
	three := func(setup func(*testing.T, *data.Store) ids) func(*testing.T, *data.Store) ids {
		return func(t *testing.T, st *data.Store) ids {
			x := withMessage(setup)(t, st)
			x["m2"], x["m3"] = fixture.NewID(), fixture.NewID()
			fixture.Must(t, st, "a1", app.MessageSend, app.SendMessageArgs{ID: x["m2"], OfferID: x["o"], Text: "二通目です。"}, fixture.Now)
			fixture.Must(t, st, "b1", app.MessageSend, app.SendMessageArgs{ID: x["m3"], OfferID: x["o"], Text: "拝見しました。"}, fixture.Now)
			x["m4"] = fixture.NewID()
			fixture.Must(t, st, "a1", app.MessageSend, app.SendMessageArgs{ID: x["m4"], OfferID: x["o"], Text: "ありがとうございます。"}, fixture.Now)
			return x
		}
	}
	markedAt := func(who string, seq int, upTo string) func(*testing.T, *data.Store, ids) {
		return func(t *testing.T, st *data.Store, x ids) {
			r := markOf(t, st, x, who)
			other := map[string]string{"a1": "b1", "b1": "a1"}[who]
			if r.UpToSeq != seq || r.UpToID != x[upTo] || r.OtherID != fixture.PID(other) || !r.ReadAt.Equal(fixture.At(0, 12)) {
				t.Errorf("read mark %+v, want up to %s (%d)", r, x[upTo], seq)
			}
		}
	}
	readFirst := func(t *testing.T, st *data.Store) ids {
		x := three(pendingThread)(t, st)
		fixture.Must(t, st, "b1", app.MessageRead, app.ReadMessagesArgs{OfferID: x["o"], UpToID: x["m2"]}, fixture.At(0, 12))
		return x
	}
	runCases(t, []mcase{
		{name: "the recipient reads up to the second", setup: three(pendingThread), act: read("b1", "m2"), check: markedAt("b1", 2, "m2")},
		{name: "by the talk", setup: three(talkThread), act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "a1", app.MessageRead, app.ReadMessagesArgs{TalkID: x["k"], UpToID: x["m3"]}, fixture.At(0, 12))
		}, check: markedAt("a1", 3, "m3")},
		{name: "the mark does not go back", setup: readFirst, act: read("b1", "m"), check: markedAt("b1", 2, "m2")},
		{name: "and goes on", setup: readFirst, act: read("b1", "m4"), check: markedAt("b1", 4, "m4")},
		{name: "a closed thread stays readable", setup: func(t *testing.T, st *data.Store) ids {
			x := three(pendingThread)(t, st)
			fixture.Must(t, st, "b1", app.OfferDecline, app.DeclineOfferArgs{OfferID: x["o"], Reason: "schedule"}, fixture.Now)
			return x
		}, act: read("a1", "m3"), check: markedAt("a1", 3, "m3")},
		{name: "one's own message", setup: three(pendingThread), act: read("b1", "m3"), code: app.CodeBadArgs},
		{name: "someone else", setup: three(pendingThread), act: read("a2", "m3"), code: app.CodeNotFound},
		{name: "HR", setup: three(pendingThread), act: read("e1", "m3"), code: app.CodeNotAllowed},
		{name: "an unknown message", setup: three(pendingThread), act: read("b1", "nothing"), code: app.CodeBadArgs},
		{name: "a message of another thread", setup: func(t *testing.T, st *data.Store) ids {
			x := three(pendingThread)(t, st)
			other := fixture.Send(t, st, "c1", "b1")
			x["elsewhere"] = fixture.NewID()
			fixture.Must(t, st, "c1", app.MessageSend, app.SendMessageArgs{ID: x["elsewhere"], OfferID: other, Text: "別件です。"}, fixture.Now)
			return x
		}, act: read("b1", "elsewhere"), code: app.CodeNotFound},
		{name: "a message that does not exist", setup: three(pendingThread), act: func(st *data.Store, x ids) error {
			return fixture.Run(st, "b1", app.MessageRead, app.ReadMessagesArgs{OfferID: x["o"], UpToID: fixture.NewID()}, fixture.Now)
		}, code: app.CodeNotFound},
	})
}

// The replica's queries for the thread's screen: the messages in order,
// 既読 on a1's own messages as far as b1 read, and the unread counts of
// each side.
func TestThreadQueries(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	x := talkThread(t, st)
	var sent []string
	for i, m := range []struct{ who, text string }{
		{"a1", "はじめまして。"}, {"b1", "よろしくお願いします。"}, {"a1", "URL をお送りします。"}, {"a1", "https://meet.example.jp/x"},
	} {
		id := fixture.NewID()
		sent = append(sent, id)
		fixture.Must(t, st, m.who, app.MessageSend, app.SendMessageArgs{ID: id, OfferID: x["o"], Text: m.text}, fixture.Now.Add(time.Duration(i)*time.Minute))
	}
	other := fixture.Send(t, st, "c1", "a1")
	fixture.Must(t, st, "c1", app.MessageSend, app.SendMessageArgs{ID: fixture.NewID(), OfferID: other, Text: "別件です。"}, fixture.At(0, 11))
	fixture.Must(t, st, "b1", app.MessageRead, app.ReadMessagesArgs{OfferID: x["o"], UpToID: sent[2]}, fixture.At(0, 12))

	rep := copyToReplica(t, st)
	for _, id := range []string{x["o"], x["k"]} {
		th, err := rep.Thread(ctx, fixture.PID("a1"), id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range th {
			got = append(got, m.ID)
		}
		if strings.Join(got, ",") != strings.Join(sent, ",") {
			t.Fatalf("thread by %s: %v, want %v", id, got, sent)
		}
		// a1's first and third were read by b1, not the fourth; b1's own
		// message carries no mark for a1.
		for i, want := range []bool{true, false, true, false} {
			if th[i].ReadByOther != want || th[i].Seq != i+1 {
				t.Errorf("message %d: seq %d, read by the other %v, want %v", i, th[i].Seq, th[i].ReadByOther, want)
			}
		}
	}
	if th, err := rep.Thread(ctx, fixture.PID("a2"), x["o"]); err != nil || len(th) != 0 {
		t.Errorf("a2 sees %d messages of a1's thread (%v)", len(th), err)
	}

	for _, c := range []struct {
		who    string
		unread map[string]int
		total  int
	}{
		{"a1", map[string]int{other: 1, x["o"]: 1}, 2}, // b1's message and c1's: a1 has marked none read
		{"b1", map[string]int{x["o"]: 1}, 1},           // a1's fourth
		{"c1", map[string]int{other: 0}, 0},
		{"a2", map[string]int{}, 0},
	} {
		sums, err := rep.ThreadSummaries(ctx, fixture.PID(c.who))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, s := range sums {
			got[s.ThreadID] = s.Unread
		}
		if len(got) != len(c.unread) {
			t.Errorf("%s: threads %v, want %v", c.who, got, c.unread)
		}
		for id, n := range c.unread {
			if got[id] != n {
				t.Errorf("%s: %d unread in %s, want %d", c.who, got[id], id, n)
			}
		}
		if c.who == "a1" && (len(sums) != 2 || sums[0].ThreadID != other || sums[1].Last.ID != sent[3]) {
			t.Errorf("a1's threads, newest first: %+v", sums)
		}
		if n, err := rep.UnreadMessages(ctx, fixture.PID(c.who)); err != nil || n != c.total {
			t.Errorf("%s: %d unread messages (%v), want %d", c.who, n, err, c.total)
		}
	}
}
