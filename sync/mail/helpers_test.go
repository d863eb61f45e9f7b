package mail_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
)

var from = mail.Sender{Name: "CrossTalk", Address: "crosstalk@example.jp"}

// newStore opens a server's store in the test's folder.
func newStore(t testing.TB) *serverstore.Store {
	t.Helper()
	st, err := serverstore.Open(context.Background(), filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// person adds a participant with address email and returns their id.
func person(t testing.TB, st *serverstore.Store, name, email string) string {
	t.Helper()
	ctx := context.Background()
	id, _, err := st.CreateSecretariat(ctx, "事務局", name, name, uuid.NewString)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE participants SET email = ? WHERE id = ?`, email, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// version is participant id's version.
func version(t testing.TB, st *serverstore.Store, id string) int64 {
	t.Helper()
	var v int64
	if err := st.DB().QueryRow(`SELECT version FROM participants WHERE id = ?`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// encode makes n mails to the participant pid at addr.
func encode(t testing.TB, pid, addr string, n int) []serverstore.OutgoingMail {
	t.Helper()
	ms := make([]serverstore.OutgoingMail, n)
	for i := range ms {
		m, err := mail.Encode(mail.Message{
			To:      mail.Recipient{ParticipantID: pid, Name: "宛先 さん", Address: addr},
			Subject: fmt.Sprintf("お知らせ %d", i),
			Text:    fmt.Sprintf("本文 %d です。\n.\n行頭のドットも届きます。\n", i),
			HTML:    fmt.Sprintf("<p>本文 %d です。</p>", i),
			Kind:    "test",
		}, from, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ms[i] = m
	}
	return ms
}

// queue queues ms.
func queue(t testing.TB, st *serverstore.Store, ms []serverstore.OutgoingMail) {
	t.Helper()
	n, err := st.QueueMails(context.Background(), ms, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ms) {
		t.Fatalf("queued %d of %d", n, len(ms))
	}
}

// newService makes a Service to url with short waits; change adjusts its
// configuration. It is stopped when the test ends.
func newService(t testing.TB, st *serverstore.Store, url string, change func(*mail.Config)) *mail.Service {
	t.Helper()
	cfg := mail.Config{
		SMTPURL: url, From: from, PublicURL: "https://crosstalk.example.jp",
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Poll:      200 * time.Millisecond,
		RetryBase: 200 * time.Millisecond, RetryMax: time.Second,
		Timeout: 10 * time.Second,
	}
	if change != nil {
		change(&cfg)
	}
	svc, err := mail.New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	st.SetMailQueued(svc.Queued)
	t.Cleanup(svc.Stop)
	return svc
}

// waitOutbox waits until ok holds of the outbox's counts.
func waitOutbox(t testing.TB, st *serverstore.Store, timeout time.Duration, ok func(serverstore.MailCounts) bool) serverstore.MailCounts {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		c, err := st.CountMail(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if ok(c) {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox after %v: %+v", timeout, c)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rows reads the outbox by Message-ID.
func rows(t testing.TB, st *serverstore.Store) map[string]serverstore.OutboxRow {
	t.Helper()
	rs, err := st.MailOutbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]serverstore.OutboxRow, len(rs))
	for _, r := range rs {
		out[r.MessageID] = r
	}
	return out
}

// messageID is the Message-ID a received mail carries, without brackets.
func messageID(h interface{ Get(string) string }) string {
	id := h.Get("Message-Id")
	if len(id) >= 2 && id[0] == '<' && id[len(id)-1] == '>' {
		return id[1 : len(id)-1]
	}
	return id
}
