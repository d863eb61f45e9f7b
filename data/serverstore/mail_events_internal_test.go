package serverstore

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"crosstalk/app"
)

// confirmMailer mails ev.Data's code to its address, as the address
// confirmation does.
type confirmMailer struct{}

func (confirmMailer) Mails(ctx context.Context, q MailReader, ev MailEvent) ([]OutgoingMail, error) {
	var d struct{ Address, Code string }
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return nil, err
	}
	return []OutgoingMail{{ParticipantID: ev.ActorID, Address: d.Address, Kind: ev.Kind,
		MessageID: "m1@example.jp", Message: []byte("Subject: code\r\n\r\n" + d.Code)}}, nil
}

// An event that is no mutation's (the address confirmation) is kept in
// its own transaction with writeMail and keepMailEventIn, which wakes the
// renderer: its mail is queued in the background.
func TestKeepMailEventOutsideAMutation(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	err = st.Import(ctx, app.Dataset{
		Companies:    []app.Company{{ID: "c1", Name: "A", Industry: "製造"}},
		Participants: []app.Participant{{ID: "p1", CompanyID: "c1", Name: "山田", Kana: "ヤマダ", AgeBand: "55-59", Role: app.RoleParticipant, Modes: app.Modes}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ev := MailEvent{Kind: MailEmailConfirm, ActorID: "p1", At: now, Data: json.RawMessage(`{"Address":"new@example.jp","Code":"123456"}`)}
	keep := func() error {
		return st.writeMail(ctx, func(t *writeTx) error { return st.keepMailEventIn(ctx, t, ev) })
	}
	if err := keep(); err != nil { // no Mailer yet: nothing kept
		t.Fatal(err)
	}
	st.SetMailer(confirmMailer{})
	if err := keep(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		var address string
		if err := st.r.QueryRow(`SELECT count(*), coalesce(max(address), '') FROM mail_outbox`).Scan(&n, &address); err != nil {
			t.Fatal(err)
		}
		if n == 1 && address == "new@example.jp" {
			break
		}
		if n > 1 || time.Now().After(deadline) {
			t.Fatalf("%d mails queued (to %q)", n, address)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
