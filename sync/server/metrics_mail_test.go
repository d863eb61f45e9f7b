package server

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

// With mail on, Run runs the sender, and the scrape counts its mails: one
// sent, one refused for good, one tried twice then given up, and one
// waiting for later; without mail there is no mail series.
func TestMetricsMail(t *testing.T) {
	sink := mailsink.Start(t)
	ctx := context.Background()
	st, err := serverstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Import(ctx, dataset()); err != nil {
		t.Fatal(err)
	}
	if got := scrape(t, New(st, Options{})); got["crosstalk_mail_sent_total"] != "" || got["crosstalk_mail_outbox_queued"] != "" {
		t.Fatal("mail series without mail")
	}
	svc, err := mail.New(st, mail.Config{SMTPURL: sink.URL(), From: mail.Sender{Address: "crosstalk@example.jp"},
		PublicURL: "https://crosstalk.example.jp", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Poll: 100 * time.Millisecond, RetryBase: 100 * time.Millisecond, MaxAttempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	st.SetMailQueued(svc.Queued)
	srv := New(st, Options{Mail: svc})
	// Each mail to its person's address: a mail to an address that is no
	// longer the person's is not sent (ClaimMails).
	var ms []serverstore.OutgoingMail
	people := map[string]string{"ok@example.jp": pid("x1"), "bounce@example.jp": pid("x2"), "tempfail@example.jp": pid("x3"),
		"later@example.jp": pid("y1")}
	if err := st.Write(ctx, func(tx *data.Tx) error {
		for address, id := range people {
			if _, err := tx.Exec(ctx, `UPDATE participants SET email = ? WHERE id = ?`, address, id); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"ok@example.jp", "bounce@example.jp", "tempfail@example.jp"} {
		m, err := mail.Encode(mail.Message{To: mail.Recipient{ParticipantID: people[to], Address: to},
			Subject: "件名", Text: "本文", Kind: "test"}, svc.From(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	if _, err := st.QueueMails(ctx, ms, time.Now()); err != nil {
		t.Fatal(err)
	}
	later, err := mail.Encode(mail.Message{To: mail.Recipient{ParticipantID: people["later@example.jp"], Address: "later@example.jp"},
		Subject: "件名", Text: "本文", Kind: "test"}, svc.From(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.QueueMails(ctx, []serverstore.OutgoingMail{later}, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { srv.Run(runCtx) })
	deadline := time.Now().Add(15 * time.Second)
	for s := svc.Stats(); s.Sent+s.Failed < 3; s = svc.Stats() {
		if time.Now().After(deadline) {
			t.Fatalf("stats %+v", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	wg.Wait() // Run stops the sender before it returns
	wantSeries(t, scrape(t, srv), map[string]string{
		"crosstalk_mail_queued_total":    "4",
		"crosstalk_mail_sent_total":      "1",
		"crosstalk_mail_retried_total":   "1",
		"crosstalk_mail_failed_total":    "2",
		"crosstalk_mail_uncertain_total": "0",
		"crosstalk_mail_outbox_queued":   "1",
	})
	if n := len(sink.Messages()); n != 1 {
		t.Fatalf("the sink has %d mails", n)
	}
}
