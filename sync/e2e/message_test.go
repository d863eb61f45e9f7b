package e2e

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// The message thread of an offer (issue 19) reaches the offer's two people
// — every device of each — and no one else: not a colleague of either,
// not HR of their companies, not the secretariat. Both sides see the same
// messages in the same order, the server's, even when both wrote at once
// offline; 既読 travels to the writer; a declined offer's thread takes no
// new message and stays readable.

// threadPeople are the demo's offer waiting for the demo user's answer,
// its sender (from), its recipient (to, the demo user), a colleague of
// each, HR of both companies and the secretariat.
type threadPeople struct {
	offer                                    app.Offer
	from, to, fromColleague, toColleague     app.Participant
	fromHR, toHR, secretariat, anotherMember app.Participant
}

func demoThread(t *testing.T, ds app.Dataset) threadPeople {
	t.Helper()
	var tp threadPeople
	for _, o := range ds.Offers {
		if o.State == app.OfferPending && o.ToID == demo.DemoUser && o.Turn == demo.DemoUser {
			tp.offer = o
			break
		}
	}
	people := map[string]app.Participant{}
	for _, p := range ds.Participants {
		people[p.ID] = p
	}
	tp.from, tp.to = people[tp.offer.FromID], people[tp.offer.ToID]
	for _, p := range ds.Participants {
		switch {
		case p.ID == tp.from.ID || p.ID == tp.to.ID:
		case p.Role == app.RoleParticipant && p.CompanyID == tp.from.CompanyID && tp.fromColleague.ID == "":
			tp.fromColleague = p
		case p.Role == app.RoleParticipant && p.CompanyID == tp.to.CompanyID && tp.toColleague.ID == "":
			tp.toColleague = p
		case p.Role == app.RoleHR && p.CompanyID == tp.from.CompanyID:
			tp.fromHR = p
		case p.Role == app.RoleHR && p.CompanyID == tp.to.CompanyID:
			tp.toHR = p
		case p.Role == app.RoleSecretariat:
			tp.secretariat = p
		case p.Role == app.RoleParticipant && p.ID == pid("y1"):
			tp.anotherMember = p
		}
	}
	if tp.offer.ID == "" || tp.fromColleague.ID == "" || tp.toColleague.ID == "" || tp.fromHR.ID == "" || tp.toHR.ID == "" ||
		tp.secretariat.ID == "" || tp.anotherMember.ID == "" {
		t.Fatalf("the demo lacks an offer waiting for the demo user, or a colleague, HR or the secretariat: %+v", tp)
	}
	return tp
}

// texts are the texts of a thread, in order, with 既読 marked "✓".
func texts(t *testing.T, d *device, me, thread string) string {
	t.Helper()
	th, err := d.r.Thread(context.Background(), me, thread)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, m := range th {
		if m.Seq != i+1 {
			t.Errorf("%s's thread: message %d numbered %d", d.who, i, m.Seq)
		}
		s := m.Text
		if m.ReadByOther {
			s += "✓"
		}
		out = append(out, s)
	}
	return strings.Join(out, " | ")
}

func say(t *testing.T, d *device, offerID, text string) {
	t.Helper()
	args := app.Args(app.SendMessageArgs{ID: uuid.NewString(), OfferID: offerID, Text: text})
	if _, err := d.c.Mutate(context.Background(), app.MessageSend, args); err != nil {
		t.Fatalf("%s says %q: %v", d.who, text, err)
	}
}

func TestMessageThreadEndToEnd(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	ctx := context.Background()
	tp := demoThread(t, ds)
	o := tp.offer.ID

	from := e.connect(tp.from.ID, e.clock.Now)
	from2 := e.connect(tp.from.ID, e.clock.Now) // the sender's second device
	to := e.connect(tp.to.ID, e.clock.Now)
	others := map[string]*device{}
	for what, p := range map[string]app.Participant{"the sender's colleague": tp.fromColleague,
		"the recipient's colleague": tp.toColleague, "the sender's HR": tp.fromHR, "the recipient's HR": tp.toHR,
		"the secretariat": tp.secretariat, "another member": tp.anotherMember} {
		others[what] = e.connect(p.ID, e.clock.Now)
	}
	for _, d := range append([]*device{from, from2, to}, mapValues(others)...) {
		d.sync()
	}

	// The sender writes; the replica shows it at once, the server after
	// the sync, the recipient after theirs.
	const first = "はじめまして。秘密の合言葉・四七一九\n当日は Zoom でいかがでしょうか。"
	say(t, from, o, first)
	if got := texts(t, from, tp.from.ID, o); got != first {
		t.Fatalf("the sender's replica before the sync: %q", got)
	}
	from.sync()
	if n := e.count(`SELECT count(*) FROM messages WHERE thread_id = ? AND author_id = ? AND to_id = ? AND text = ? AND seq = 1`,
		o, tp.from.ID, tp.to.ID, first); n != 1 {
		t.Fatalf("the server holds %d such messages", n)
	}
	to.sync()
	if got := texts(t, to, tp.to.ID, o); got != first {
		t.Fatalf("the recipient's thread: %q", got)
	}
	if n, err := to.r.UnreadMessages(ctx, tp.to.ID); err != nil || n != 1 {
		t.Errorf("the recipient has %d unread messages (%v), want 1", n, err)
	}

	// Both write at once, offline; the sender's reaches the server first:
	// both sides end with the server's order.
	say(t, to, o, "ありがとうございます。Zoom で大丈夫です。")
	say(t, from, o, "URL は前日にお送りします。")
	from.sync()
	to.sync()
	from.sync()
	const order = "はじめまして。秘密の合言葉・四七一九\n当日は Zoom でいかがでしょうか。 | URL は前日にお送りします。 | ありがとうございます。Zoom で大丈夫です。"
	for _, d := range []*device{from, to} {
		if got := texts(t, d, d.who, o); got != order {
			t.Errorf("%s's thread:\n%q\nwant\n%q", d.who, got, order)
		}
	}

	// The recipient opens the thread: it is marked read up to the newest
	// message of the sender's, and the sender sees 既読 on both of theirs.
	th, err := to.r.Thread(ctx, tp.to.ID, o)
	if err != nil || len(th) != 3 {
		t.Fatalf("the recipient's thread: %v, %v", th, err)
	}
	if _, err := to.c.Mutate(ctx, app.MessageRead, app.Args(app.ReadMessagesArgs{OfferID: o, UpToID: th[1].ID})); err != nil {
		t.Fatal(err)
	}
	if n, err := to.r.UnreadMessages(ctx, tp.to.ID); err != nil || n != 0 {
		t.Errorf("after reading, the recipient has %d unread messages (%v)", n, err)
	}
	to.sync()
	from.sync()
	from2.sync()
	const read = "はじめまして。秘密の合言葉・四七一九\n当日は Zoom でいかがでしょうか。✓ | URL は前日にお送りします。✓ | ありがとうございます。Zoom で大丈夫です。"
	for _, d := range []*device{from, from2} {
		if got := texts(t, d, tp.from.ID, o); got != read {
			t.Errorf("the sender's device %s:\n%q\nwant\n%q", d.path, got, read)
		}
	}

	// The recipient declines: the thread takes no new message, on the
	// device nor on the server, and stays readable on both sides.
	if _, err := to.c.Mutate(ctx, app.OfferDecline, app.Args(app.DeclineOfferArgs{OfferID: o, Reason: "schedule"})); err != nil {
		t.Fatal(err)
	}
	to.sync()
	from.sync()
	args := app.SendMessageArgs{ID: uuid.NewString(), OfferID: o, Text: "残念です。"}
	if _, err := from.c.Mutate(ctx, app.MessageSend, app.Args(args)); app.CodeOf(err) != app.CodeThreadClosed {
		t.Errorf("a message after the decline, on the device: %v, want %s", err, app.CodeThreadClosed)
	}
	if code := e.push(t, e.login(tp.from.ID).Token, app.MessageSend, args); code != app.CodeThreadClosed {
		t.Errorf("a message after the decline, pushed: %q, want %s", code, app.CodeThreadClosed)
	}
	for _, d := range []*device{from, to} {
		if got := texts(t, d, d.who, o); !strings.HasPrefix(got, "はじめまして。") || strings.Count(got, " | ") != 2 {
			t.Errorf("%s's declined thread: %q", d.who, got)
		}
	}
	if n := e.count(`SELECT count(*) FROM messages WHERE thread_id = ?`, o); n != 3 {
		t.Errorf("the server holds %d messages of the thread, want 3", n)
	}
	sameAsFresh(t, e, from)
	sameAsFresh(t, e, to)

	// No one else's replica holds a row of the thread or a byte of it.
	for what, d := range others {
		d.sync()
		dump, err := d.r.DumpTables(ctx, "messages", "message_reads")
		if err != nil {
			t.Fatal(err)
		}
		if dump != "== messages\n== message_reads\n" {
			t.Errorf("%s's replica holds messages:\n%s", what, dump)
		}
		all, err := d.r.Dump(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(all, "秘密の合言葉") {
			t.Errorf("%s's replica holds the message's text", what)
		}
	}
}

// TestMessagesReachNoOneElse is the privacy matrix of the thread over
// HTTP: after a message each way and a read mark, the two people pull the
// thread's rows; everyone else who might want them pulls everything they
// may read and asks for the dashboards they may see, and no answer holds
// a row of messages or message_reads or a byte of the texts.
func TestMessagesReachNoOneElse(t *testing.T) {
	ds := dataset()
	e := newEnv(t, ds)
	tp := demoThread(t, ds)
	o := tp.offer.ID
	const secretA, secretB = "秘密の伝言・三一四一", "秘密の返事・二七一八"
	fromTok, toTok := e.login(tp.from.ID).Token, e.login(tp.to.ID).Token
	m1 := uuid.NewString()
	if code := e.push(t, fromTok, app.MessageSend, app.SendMessageArgs{ID: m1, OfferID: o, Text: secretA}); code != "" {
		t.Fatalf("send: %s", code)
	}
	if code := e.push(t, toTok, app.MessageSend, app.SendMessageArgs{ID: uuid.NewString(), OfferID: o, Text: secretB}); code != "" {
		t.Fatalf("answer: %s", code)
	}
	if code := e.push(t, toTok, app.MessageRead, app.ReadMessagesArgs{OfferID: o, UpToID: m1}); code != "" {
		t.Fatalf("read: %s", code)
	}
	// Someone else's message into the thread is answered as if it did not
	// exist.
	if code := e.push(t, e.login(tp.fromColleague.ID).Token, app.MessageSend,
		app.SendMessageArgs{ID: uuid.NewString(), OfferID: o, Text: "横から失礼します。"}); code != app.CodeNotFound {
		t.Errorf("a colleague's message into the thread: %q, want %s", code, app.CodeNotFound)
	}

	for _, tok := range []string{fromTok, toTok} {
		p := e.pullAll(t, tok, nil)
		if len(p.rows["messages"]) != 2 || len(p.rows["message_reads"]) != 1 {
			t.Errorf("a side pulled %d messages and %d read marks, want 2 and 1", len(p.rows["messages"]), len(p.rows["message_reads"]))
		}
	}
	for _, who := range []struct {
		what string
		p    app.Participant
	}{
		{"the sender's colleague", tp.fromColleague},
		{"the recipient's colleague", tp.toColleague},
		{"another member", tp.anotherMember},
		{"the sender's HR", tp.fromHR},
		{"the recipient's HR", tp.toHR},
		{"the secretariat", tp.secretariat},
	} {
		t.Run(who.what, func(t *testing.T) {
			tok := e.login(who.p.ID).Token
			p := e.pullAll(t, tok, nil)
			if n := len(p.rows["messages"]) + len(p.rows["message_reads"]); n != 0 {
				t.Errorf("pulled %d rows of the threads", n)
			}
			for tbl, rows := range p.rows {
				for _, r := range rows {
					if bytes.Contains(r, []byte(secretA)) || bytes.Contains(r, []byte(secretB)) {
						t.Errorf("a row of %s holds a message: %s", tbl, short(r))
					}
				}
			}
			if who.p.Role == app.RoleParticipant {
				return
			}
			for _, path := range []string{wire.PathAdminDashboard, wire.PathAdminActivity} {
				scope := app.Scope{CohortID: tp.offer.CohortID}
				if who.p.Role == app.RoleHR {
					scope.CompanyID = who.p.CompanyID
				}
				status, body := e.call(http.MethodPost, path, tok, scope)
				wantStatus(t, status, body, 0)
				if bytes.Contains(body, []byte(secretA)) || bytes.Contains(body, []byte(secretB)) {
					t.Errorf("%s tells of the messages: %s", path, short(body))
				}
			}
		})
	}
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
