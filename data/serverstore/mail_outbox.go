package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"crosstalk/data/internal/codec"
)

// This file holds the mail sender's side of mail_outbox (migration 013):
// it takes due mails, and records each step of their delivery so that a
// mail is never sent twice, even when the process is killed in the
// middle. A row moves
//
//	queued → sending     ClaimMails, committed before the sender talks to the relay
//	sending → committing MailCommitting, committed just before the sender ends DATA
//	committing → sent    MailSent, once the relay answered 250
//	sending|committing → queued  MailRetry, on a temporary failure
//	sending|committing → failed  MailFailed, on a permanent one (or too many attempts)
//	committing → uncertain       MailUncertain: the relay may have the mail
//
// and RecoverMail, when a sender starts, takes back the rows a stopped
// sender left: sending → queued (the relay cannot have accepted them),
// committing → uncertain (it may have: they are not sent again).

// OutboxMail is a mail taken from mail_outbox to deliver.
type OutboxMail struct {
	ID            int64
	Attempt       int64 // the mail_attempts row of this attempt (its rowid)
	ParticipantID string
	Address       string
	Kind          string
	MessageID     string
	Message       []byte
	Attempts      int       // attempts so far, this one included
	CreatedAt     time.Time // when it was queued
}

// ReasonAddressFailing is the last_error of a mail not sent because its
// address had failed for good before.
const ReasonAddressFailing = "address failing"

// ReasonAddressChanged is the last_error of a mail not sent because its
// address is no longer the person's: they confirmed another, or HR's
// import replaced it, after the mail was queued.
const ReasonAddressChanged = "address changed since queued"

// QueueMails writes ms into mail_outbox, due at now, in one transaction,
// and returns how many were queued (a mail whose DedupeKey is taken is
// not). The composer queues its mails in the transaction of the change
// that causes them; this is for mails that no change causes, and tests.
func (s *Store) QueueMails(ctx context.Context, ms []OutgoingMail, now time.Time) (int, error) {
	n := 0
	err := s.write(ctx, func(t *writeTx) error {
		n = 0
		for _, m := range ms {
			ok, err := queueMail(ctx, t.tx, m, now)
			if err != nil {
				return err
			}
			if ok {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.MailQueued(n)
	return n, nil
}

// SetMailQueued sets the function MailQueued calls: the mail sender's
// wake-up (mail.Service.Queued). nil removes it.
func (s *Store) SetMailQueued(fn func(n int)) {
	if fn == nil {
		s.mailQueued.Store(nil)
		return
	}
	s.mailQueued.Store(&fn)
}

// MailQueued tells the mail sender, if one is set, that n mails were
// queued by a transaction that has committed. It returns at once.
func (s *Store) MailQueued(n int) {
	if n <= 0 {
		return
	}
	if fn := s.mailQueued.Load(); fn != nil {
		(*fn)(n)
	}
}

// RecoverMail takes back what a sender that stopped left in mail_outbox:
// rows in sending go back to queued, due at once (the relay never got the
// end of their DATA); rows in committing become uncertain and are not
// sent again. Their open attempts are closed. It returns the ids of the
// uncertain ones, and how many went back to the queue.
func (s *Store) RecoverMail(ctx context.Context, now time.Time) (requeued int, uncertain []int64, err error) {
	err = s.write(ctx, func(t *writeTx) error {
		requeued, uncertain = 0, nil
		ms := codec.Millis(now)
		rows, err := t.tx.QueryContext(ctx, `SELECT id FROM mail_outbox WHERE state = 'committing' ORDER BY id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			uncertain = append(uncertain, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		const stopped = "the sender stopped while ending DATA: the relay may have the mail"
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_attempts SET outcome = 'uncertain', ended_at = ?, detail = ?
			WHERE outcome = 'started' AND outbox_id IN (SELECT id FROM mail_outbox WHERE state = 'committing')`,
			ms, stopped); err != nil {
			return err
		}
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'uncertain', last_error = ?
			WHERE state = 'committing'`, stopped); err != nil {
			return err
		}
		const before = "the sender stopped before the end of DATA"
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_attempts SET outcome = 'retry', ended_at = ?, detail = ?
			WHERE outcome = 'started' AND outbox_id IN (SELECT id FROM mail_outbox WHERE state = 'sending')`,
			ms, before); err != nil {
			return err
		}
		res, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'queued', next_attempt_at = ?, last_error = ?
			WHERE state = 'sending'`, ms, before)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		requeued = int(n)
		return err
	})
	if err != nil {
		return 0, nil, fmt.Errorf("recover mail outbox: %w", err)
	}
	return requeued, uncertain, nil
}

// ClaimMails takes up to limit due mails (queued, next_attempt_at at or
// before now), oldest first, and moves them to sending with a new
// attempt each, in one transaction. A due mail to an address that failed
// for good (the participant's email_failed_at is set and the address is
// still theirs) is not taken: it becomes failed, ReasonAddressFailing.
// Nor is one to an address that is no longer the participant's
// (participants.email, compared without case), which would go to whoever
// has it now: it becomes failed, ReasonAddressChanged, with an attempt
// that says so; but for the mails that go to another address by design,
// a code to the new address waiting for it (KindEmailConfirm) and the
// notice to an address HR's import replaced (KindEmailReplaced). failed
// counts the mails not taken.
func (s *Store) ClaimMails(ctx context.Context, limit int, now time.Time) (ms []OutboxMail, failed int, err error) {
	err = s.write(ctx, func(t *writeTx) error {
		ms, failed = nil, 0
		at := codec.Millis(now)
		rows, err := t.tx.QueryContext(ctx, `SELECT o.id, o.participant_id, o.address, o.kind, o.message_id,
				o.message, o.attempts, o.created_at,
				coalesce(p.email_failed_at <> 0 AND lower(p.email) = lower(o.address), 0),
				coalesce(lower(p.email) <> lower(o.address) AND o.kind NOT IN (?, ?), 0)
			FROM mail_outbox o LEFT JOIN participants p ON p.id = o.participant_id
			WHERE o.state = 'queued' AND o.next_attempt_at <= ?
			ORDER BY o.next_attempt_at, o.id LIMIT ?`, KindEmailConfirm, KindEmailReplaced, at, limit)
		if err != nil {
			return err
		}
		var skip, changed []int64
		for rows.Next() {
			var m OutboxMail
			var created int64
			var failing, moved bool
			if err := rows.Scan(&m.ID, &m.ParticipantID, &m.Address, &m.Kind, &m.MessageID,
				&m.Message, &m.Attempts, &created, &failing, &moved); err != nil {
				rows.Close()
				return err
			}
			switch {
			case failing:
				skip = append(skip, m.ID)
				continue
			case moved:
				changed = append(changed, m.ID)
				continue
			}
			m.CreatedAt = codec.FromMillis(created)
			ms = append(ms, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range skip {
			if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'failed', last_error = ?
				WHERE id = ?`, ReasonAddressFailing, id); err != nil {
				return err
			}
		}
		for _, id := range changed {
			if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'failed', attempts = attempts + 1,
				last_error = ? WHERE id = ?`, ReasonAddressChanged, id); err != nil {
				return err
			}
			if _, err := t.tx.ExecContext(ctx, `INSERT INTO mail_attempts (outbox_id, started_at, ended_at, outcome, detail)
				VALUES (?, ?, ?, 'failed', ?)`, id, at, at, ReasonAddressChanged); err != nil {
				return err
			}
		}
		failed = len(skip) + len(changed)
		for i := range ms {
			m := &ms[i]
			m.Attempts++
			if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'sending', attempts = ?
				WHERE id = ?`, m.Attempts, m.ID); err != nil {
				return err
			}
			res, err := t.tx.ExecContext(ctx, `INSERT INTO mail_attempts (outbox_id, started_at) VALUES (?, ?)`, m.ID, at)
			if err != nil {
				return err
			}
			if m.Attempt, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("claim mails: %w", err)
	}
	return ms, failed, nil
}

// ReleaseMails puts back mails that ClaimMails took and the sender did
// not start (it is stopping): queued again, due when they were, their
// attempt forgotten.
func (s *Store) ReleaseMails(ctx context.Context, ms []OutboxMail) error {
	if len(ms) == 0 {
		return nil
	}
	err := s.write(ctx, func(t *writeTx) error {
		for _, m := range ms {
			res, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'queued', attempts = attempts - 1
				WHERE id = ? AND state = 'sending'`, m.ID)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return errors.Join(err, fmt.Errorf("mail %d is not being sent", m.ID))
			}
			if _, err := t.tx.ExecContext(ctx, `DELETE FROM mail_attempts WHERE rowid = ?`, m.Attempt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release mails: %w", err)
	}
	return nil
}

// MailCommitting records that the sender is about to end the DATA of
// mail id: from the commit on, the relay may accept it at any moment.
func (s *Store) MailCommitting(ctx context.Context, id int64) error {
	return s.moveMail(ctx, id, "sending", "committing", nil)
}

// MailSent records that the relay accepted mail id (attempt) at now.
func (s *Store) MailSent(ctx context.Context, id, attempt int64, reply string, now time.Time) error {
	return s.moveMail(ctx, id, "committing", "sent", func(t *writeTx) error {
		at := codec.Millis(now)
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET sent_at = ?, last_error = '' WHERE id = ?`, at, id); err != nil {
			return err
		}
		return endAttempt(ctx, t, attempt, "sent", reply, now)
	})
}

// MailRetry records a temporary failure of mail id (attempt): queued
// again, due at next.
func (s *Store) MailRetry(ctx context.Context, id, attempt int64, reason string, next, now time.Time) error {
	return s.moveMail(ctx, id, "", "queued", func(t *writeTx) error {
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?`,
			codec.Millis(next), reason, id); err != nil {
			return err
		}
		return endAttempt(ctx, t, attempt, "retry", reason, now)
	})
}

// MailUncertain records that the sender lost the relay while ending the
// DATA of mail id (attempt): the relay may have it, so it is not sent
// again.
func (s *Store) MailUncertain(ctx context.Context, id, attempt int64, reason string, now time.Time) error {
	return s.moveMail(ctx, id, "committing", "uncertain", func(t *writeTx) error {
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET last_error = ? WHERE id = ?`, reason, id); err != nil {
			return err
		}
		return endAttempt(ctx, t, attempt, "uncertain", reason, now)
	})
}

// MailFailed records that mail id (attempt) will not be delivered. When
// addressFailing (the relay refused the recipient for good), the
// participant's address is marked as failing, if it is still theirs:
// email_failed_at and email_error are set and the participant takes the
// transaction's version, so that their devices learn it; no mail goes to
// that address any more (ClaimMails).
func (s *Store) MailFailed(ctx context.Context, id, attempt int64, reason string, addressFailing bool, now time.Time) error {
	return s.moveMail(ctx, id, "", "failed", func(t *writeTx) error {
		if _, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET last_error = ? WHERE id = ?`, reason, id); err != nil {
			return err
		}
		if err := endAttempt(ctx, t, attempt, "failed", reason, now); err != nil {
			return err
		}
		if !addressFailing {
			return nil
		}
		_, err := t.Exec(ctx, `UPDATE participants SET email_failed_at = ?, email_error = ?, version = :v
			WHERE id = (SELECT participant_id FROM mail_outbox WHERE id = ?)
			AND lower(email) = lower((SELECT address FROM mail_outbox WHERE id = ?))`,
			codec.Millis(now), reason, id, id)
		return err
	})
}

// moveMail moves mail id from state from ("" for sending or committing)
// to state to, and runs then, in one transaction.
func (s *Store) moveMail(ctx context.Context, id int64, from, to string, then func(*writeTx) error) error {
	err := s.write(ctx, func(t *writeTx) error {
		cond := `state IN ('sending', 'committing')`
		args := []any{to, id}
		if from != "" {
			cond = `state = ?`
			args = append(args, from)
		}
		res, err := t.tx.ExecContext(ctx, `UPDATE mail_outbox SET state = ? WHERE id = ? AND `+cond, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("not in state %s", cmpOr(from, "sending or committing"))
		}
		if then != nil {
			return then(t)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mail %d to %s: %w", id, to, err)
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// endAttempt closes attempt with outcome.
func endAttempt(ctx context.Context, t *writeTx, attempt int64, outcome, detail string, now time.Time) error {
	_, err := t.tx.ExecContext(ctx, `UPDATE mail_attempts SET outcome = ?, detail = ?, ended_at = ? WHERE rowid = ?`,
		outcome, detail, codec.Millis(now), attempt)
	return err
}

// MailCounts is how many rows of mail_outbox are in each state.
type MailCounts struct {
	Queued, Sending, Committing, Sent, Failed, Uncertain int
}

// CountMail counts mail_outbox's rows by state.
func (s *Store) CountMail(ctx context.Context) (MailCounts, error) {
	var c MailCounts
	rows, err := s.r.QueryContext(ctx, `SELECT state, count(*) FROM mail_outbox GROUP BY state`)
	if err != nil {
		return c, fmt.Errorf("count mail: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return c, fmt.Errorf("count mail: %w", err)
		}
		switch state {
		case "queued":
			c.Queued = n
		case "sending":
			c.Sending = n
		case "committing":
			c.Committing = n
		case "sent":
			c.Sent = n
		case "failed":
			c.Failed = n
		case "uncertain":
			c.Uncertain = n
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("count mail: %w", err)
	}
	return c, nil
}

// QueuedMail counts the mails waiting in mail_outbox (state queued).
func (s *Store) QueuedMail(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM mail_outbox WHERE state = 'queued'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count queued mail: %w", err)
	}
	return n, nil
}

// NextMailDue is when the earliest queued mail is due; ok is false when
// none is queued.
func (s *Store) NextMailDue(ctx context.Context) (due time.Time, ok bool, err error) {
	var at sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'`).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("next mail due: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return codec.FromMillis(at.Int64), true, nil
}

// OutboxRow is a row of mail_outbox as an operator or a test reads it.
type OutboxRow struct {
	ID            int64
	ParticipantID string
	Address       string
	MessageID     string
	State         string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	SentAt        time.Time // zero until sent
}

// MailOutbox reads every row of mail_outbox, by id.
func (s *Store) MailOutbox(ctx context.Context) ([]OutboxRow, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, participant_id, address, message_id, state, attempts,
		next_attempt_at, last_error, coalesce(sent_at, 0) FROM mail_outbox ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read mail outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxRow
	for rows.Next() {
		var r OutboxRow
		var next, sent int64
		if err := rows.Scan(&r.ID, &r.ParticipantID, &r.Address, &r.MessageID, &r.State, &r.Attempts,
			&next, &r.LastError, &sent); err != nil {
			return nil, fmt.Errorf("read mail outbox: %w", err)
		}
		r.NextAttemptAt = codec.FromMillis(next)
		if sent != 0 {
			r.SentAt = codec.FromMillis(sent)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MailAttempt is a row of mail_attempts.
type MailAttempt struct {
	Outcome string
	Detail  string
}

// MailAttempts reads the attempts of mail id, oldest first.
func (s *Store) MailAttempts(ctx context.Context, id int64) ([]MailAttempt, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT outcome, detail FROM mail_attempts WHERE outbox_id = ? ORDER BY rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("read mail attempts: %w", err)
	}
	defer rows.Close()
	var out []MailAttempt
	for rows.Next() {
		var a MailAttempt
		if err := rows.Scan(&a.Outcome, &a.Detail); err != nil {
			return nil, fmt.Errorf("read mail attempts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// MailAddressFailure is when participant id's address was marked as
// failing (zero if it is not) and the relay's reply.
func (s *Store) MailAddressFailure(ctx context.Context, id string) (at time.Time, reply string, err error) {
	var ms int64
	if err := s.r.QueryRowContext(ctx, `SELECT email_failed_at, email_error FROM participants WHERE id = ?`, id).
		Scan(&ms, &reply); err != nil {
		return time.Time{}, "", fmt.Errorf("participant %s: %w", id, err)
	}
	if ms != 0 {
		at = codec.FromMillis(ms)
	}
	return at, reply, nil
}
