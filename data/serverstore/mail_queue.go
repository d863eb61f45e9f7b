package serverstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"crosstalk/data/internal/codec"
)

// OutgoingMail is one mail to queue in mail_outbox: the whole message as
// it goes out, and what it is about.
type OutgoingMail struct {
	ParticipantID string // whom it is for
	Address       string // their address, as the message's To says
	Kind          string // what it tells, such as "offer.new" (for logs and metrics)
	DedupeKey     string // queued at most once per key; "" for no key
	MessageID     string // the message's Message-ID, without angle brackets
	Message       []byte // the RFC 5322 message
}

// queueMail writes m into mail_outbox, due at once, in t's transaction:
// the mail goes out only if the transaction commits. A mail whose
// DedupeKey is already queued (or was sent) is not queued again; queued
// reports whether m was.
func queueMail(ctx context.Context, tx *sql.Tx, m OutgoingMail, now time.Time) (queued bool, err error) {
	var key any
	if m.DedupeKey != "" {
		key = m.DedupeKey
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox
		(participant_id, address, kind, dedupe_key, message, message_id, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
		m.ParticipantID, m.Address, m.Kind, key, m.Message, m.MessageID, codec.Millis(now), codec.Millis(now))
	if err != nil {
		return false, fmt.Errorf("queue mail %s for %s: %w", m.Kind, m.ParticipantID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("queue mail %s for %s: %w", m.Kind, m.ParticipantID, err)
	}
	return n == 1, nil
}
