package serverstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// What ended before the cut goes, with its attempts; what is still to
// send stays however old, and so does what ended after the cut; an
// expired confirmation goes, a pending one stays.
func TestPruneMail(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	a1, b1 := fixture.PID("a1"), fixture.PID("b1")
	old := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	recent := old.AddDate(0, 1, 0)
	queue := func(at time.Time, n int, tag string) {
		t.Helper()
		ms := make([]serverstore.OutgoingMail, n)
		for i := range ms {
			ms[i] = serverstore.OutgoingMail{ParticipantID: a1, Address: "a1@example.jp", Kind: "test",
				MessageID: fmt.Sprintf("%s-%d@example.jp", tag, i), Message: []byte("Subject: x\r\n\r\nx\r\n")}
		}
		if _, err := st.QueueMails(ctx, ms, at); err != nil {
			t.Fatal(err)
		}
	}
	queue(old, 4, "old")
	queue(recent, 1, "recent")
	execSQL(t, st, `UPDATE mail_outbox SET state = 'sent' WHERE message_id IN ('old-0@example.jp', 'recent-0@example.jp')`)
	execSQL(t, st, `UPDATE mail_outbox SET state = 'failed' WHERE message_id = 'old-1@example.jp'`)
	execSQL(t, st, `UPDATE mail_outbox SET state = 'uncertain' WHERE message_id = 'old-2@example.jp'`)
	execSQL(t, st, `INSERT INTO mail_attempts (outbox_id, started_at, outcome) SELECT id, created_at, 'sent' FROM mail_outbox`)
	execSQL(t, st, `INSERT INTO email_confirmations (participant_id, address, code_hash, created_at, expires_at)
		VALUES (?, 'x@example.jp', x'00', ?, ?), (?, 'y@example.jp', x'00', ?, ?)`,
		a1, old.UnixMilli(), old.Add(30*time.Minute).UnixMilli(), b1, recent.UnixMilli(), recent.Add(30*time.Minute).UnixMilli())

	n, err := st.PruneMail(ctx, recent.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("dropped %d rows, want 3 ended mails and 1 confirmation", n)
	}
	left := func(query string) string {
		t.Helper()
		var s string
		if err := st.DB().QueryRow(query).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := left(`SELECT group_concat(message_id, ' ') FROM (SELECT message_id FROM mail_outbox ORDER BY message_id)`); got != "old-3@example.jp recent-0@example.jp" {
		t.Errorf("mails left: %s", got)
	}
	if got := left(`SELECT count(*) FROM mail_attempts`); got != "2" {
		t.Errorf("%s attempts left, want the two mails'", got)
	}
	if got := left(`SELECT group_concat(address) FROM email_confirmations`); got != "y@example.jp" {
		t.Errorf("confirmations left: %s", got)
	}
}
