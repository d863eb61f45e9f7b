package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail"
	"crosstalk/sync/mail/mailsink"
)

// The promise: the server never sends one mail twice after a
// restart, kill -9 in the middle included. The real binary delivers 300
// queued mails to the sink and is killed twice: once while the relay
// holds the end of a slow mail's DATA, once at whatever moment it is in;
// each time it is started again. In the end every mail is sent or, for
// those whose DATA it was ending at a kill (the slow one at the first,
// maybe one at the second), uncertain; none arrives twice and none is lost
// without a record.
func TestMailKillNineNeverSendsTwice(t *testing.T) {
	dir := t.TempDir()
	bin := buildServer(t)
	sink := mailsink.Start(t)
	db := filepath.Join(dir, "server.db")
	const total = 300
	slowAt := map[int]bool{100: true, 200: true} // the relay answers their DATA after 3 s
	queueForKill(t, db, total, slowAt)

	ro, err := openReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var logs lockedLog
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "-db", db, "-addr", "127.0.0.1:0", "-metrics-addr", "off",
			"-smtp-url", sink.URL(), "-mail-from", "CrossTalk <crosstalk@example.jp>", "-public-url", "https://crosstalk.example.jp")
		cmd.Env = append(os.Environ(), "CROSSTALK_SMTP_URL=", "CROSSTALK_MAIL_FROM=", "CROSSTALK_PUBLIC_URL=")
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd
	}
	kill := func(cmd *exec.Cmd) {
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()
	}

	// Kill 1: while a slow mail is committing (its DATA ended, the relay
	// not yet answered).
	cmd := start()
	waitRows(t, ro, 60*time.Second, &logs, `SELECT count(*) FROM mail_outbox WHERE state = 'committing' AND address LIKE 'slow%'`, 1)
	slow := queryString(t, ro, `SELECT message_id FROM mail_outbox WHERE state = 'committing'`)
	kill(cmd)
	// What was committing when killed: these, and only these, become
	// uncertain at the next start.
	inFlight := map[string]bool{}
	committing := func() {
		for _, id := range queryStrings(t, ro, `SELECT message_id FROM mail_outbox WHERE state = 'committing'`) {
			inFlight[id] = true
		}
	}
	committing()
	if !inFlight[slow] || len(inFlight) != 1 {
		t.Fatalf("committing at the first kill: %v", inFlight)
	}
	if n := queryInt(t, ro, `SELECT count(*) FROM mail_outbox WHERE state = 'sent'`); n < 90 || n >= total {
		t.Fatalf("%d sent at the first kill", n)
	}

	// Kill 2: wherever it is, twenty mails after its restart.
	cmd = start()
	sent := queryInt(t, ro, `SELECT count(*) FROM mail_outbox WHERE state = 'sent'`)
	waitRows(t, ro, 60*time.Second, &logs, `SELECT count(*) FROM mail_outbox WHERE state = 'sent'`, sent+20)
	kill(cmd)
	committing()
	if len(inFlight) > 2 {
		t.Fatalf("committing at the kills: %v", inFlight)
	}

	cmd = start()
	waitRows(t, ro, 120*time.Second, &logs, `SELECT count(*) FROM mail_outbox WHERE state IN ('sent', 'uncertain', 'failed')`, total)
	time.Sleep(500 * time.Millisecond) // a mail sent twice would show by now
	kill(cmd)

	received := map[string]int{}
	for _, m := range sink.Messages() {
		received[strings.Trim(m.Header.Get("Message-Id"), "<>")]++
	}
	for id, n := range received {
		if n > 1 {
			t.Errorf("mail %s received %d times", id, n)
		}
	}
	rows, err := ro.Query(`SELECT message_id, state, attempts, (SELECT count(*) FROM mail_attempts WHERE outbox_id = id) FROM mail_outbox`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	states := map[string]int{}
	for rows.Next() {
		var id, state string
		var attempts, recorded int
		if err := rows.Scan(&id, &state, &attempts, &recorded); err != nil {
			t.Fatal(err)
		}
		states[state]++
		switch state {
		case "sent":
			if received[id] != 1 {
				t.Errorf("mail %s is sent but was received %d times", id, received[id])
			}
		case "uncertain":
			if !inFlight[id] {
				t.Errorf("mail %s is uncertain; only %v were in flight at the kills", id, inFlight)
			}
			if received[id] > 1 {
				t.Errorf("uncertain mail %s received %d times", id, received[id])
			}
		default:
			t.Errorf("mail %s ended %s", id, state)
		}
		if attempts < 1 || recorded != attempts {
			t.Errorf("mail %s: %d attempts, %d on record", id, attempts, recorded)
		}
		delete(received, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(received) > 0 {
		t.Errorf("received mails that are not in the outbox: %v", received)
	}
	if states["sent"]+states["uncertain"] != total || states["uncertain"] != len(inFlight) {
		t.Errorf("outbox %v, want %d sent or uncertain, %d uncertain", states, total, len(inFlight))
	}
	if !strings.Contains(logs.String(), "not sent again") {
		t.Errorf("the uncertain mail was not logged:\n%.3000s", logs.String())
	}
}

// queueForKill makes the database at db with two participants and total
// mails for them, those at slowAt to the one whose address is slow@.
func queueForKill(t *testing.T, db string, total int, slowAt map[int]bool) {
	t.Helper()
	ctx := context.Background()
	st, err := serverstore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Two people: each mail goes to its person's address (a mail to an
	// address that is no longer the person's is not sent).
	ids := map[string]string{}
	for _, to := range []string{"taro@example.jp", "slow@example.jp"} {
		id, _, err := st.CreateSecretariat(ctx, "事務局", "事務局 太郎", "ジムキョク タロウ", uuid.NewString)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Write(ctx, func(tx *data.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE participants SET email = ? WHERE id = ?`, to, id)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		ids[to] = id
	}
	ms := make([]serverstore.OutgoingMail, total)
	for i := range ms {
		to := "taro@example.jp"
		if slowAt[i] {
			to = "slow@example.jp"
		}
		m, err := mail.Encode(mail.Message{To: mail.Recipient{ParticipantID: ids[to], Name: "事務局 太郎", Address: to},
			Subject: fmt.Sprintf("お知らせ %d", i), Text: "本文です。", Kind: "test"},
			mail.Sender{Name: "CrossTalk", Address: "crosstalk@example.jp"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		ms[i] = m
	}
	if n, err := st.QueueMails(ctx, ms, time.Now()); err != nil || n != total {
		t.Fatal(n, err)
	}
}

// waitRows waits until the count query gives at least n.
func waitRows(t *testing.T, db *sql.DB, timeout time.Duration, logs *lockedLog, query string, n int) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for queryInt(t, db, query) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: below %d after %v; server's log:\n%s", query, n, timeout, tail(logs.String(), 3000))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func queryInt(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func queryString(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(query).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func queryStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// lockedLog collects the output of the server's runs.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
