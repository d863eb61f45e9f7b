package mail

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"crosstalk/data/serverstore"
)

// drain delivers the due mails, a batch at a time, over one SMTP session
// (opened again after an error), until none is due or ctx ends.
func (s *Service) drain(ctx context.Context) {
	// The outbox is written to the end even while stopping: what the
	// relay answered must not be lost.
	db := context.WithoutCancel(ctx)
	var c *conn
	defer func() {
		if c != nil {
			c.quit()
		}
	}()
	failing := map[string]bool{} // addresses refused for good in this drain
	for ctx.Err() == nil {
		ms, skipped, err := s.st.ClaimMails(db, s.cfg.Batch, s.clock())
		if err != nil {
			s.log.Error("mail: take due mails", "error", err.Error())
			return
		}
		if skipped > 0 {
			s.failed.Add(uint64(skipped))
			s.log.Info("mail: not sent to addresses that failed for good or changed since queued", "count", skipped)
		}
		if len(ms) == 0 {
			return
		}
		for i, m := range ms {
			if ctx.Err() != nil {
				if err := s.st.ReleaseMails(db, ms[i:]); err != nil {
					s.log.Error("mail: put back the mails not begun", "error", err.Error())
				}
				return
			}
			if failing[strings.ToLower(m.Address)] {
				s.fail(db, m, serverstore.ReasonAddressFailing, false)
				continue
			}
			var refused bool
			c, refused = s.deliver(ctx, db, c, m)
			if refused {
				failing[strings.ToLower(m.Address)] = true
			}
		}
	}
}

// deliver sends m over c, dialling when c is nil, and records the
// outcome. It returns the session to go on with (nil after an error that
// broke it), and whether the relay refused m's address for good.
func (s *Service) deliver(ctx, db context.Context, c *conn, m serverstore.OutboxMail) (*conn, bool) {
	if c == nil {
		var err error
		if c, err = dial(ctx, s.relay, s.cfg.HelloName, s.cfg.TLS, s.cfg.Timeout); err != nil {
			s.retry(db, m, err)
			return nil, false
		}
	}
	stop := context.AfterFunc(ctx, func() { c.stopWithin(s.cfg.StopGrace) })
	defer stop()
	reply, err := c.send(s.cfg.From.Address, m.Address, m.Message, func() error {
		return s.st.MailCommitting(db, m.ID)
	})
	if err == nil {
		if err := s.st.MailSent(db, m.ID, m.Attempt, reply, s.clock()); err != nil {
			// The relay has it; the row stays committing and a restart
			// makes it uncertain: never sent twice.
			s.log.Error("mail: record a sent mail", "outbox_id", m.ID, "error", err.Error())
			return c, false
		}
		s.sent.Add(1)
		return c, false
	}
	var se *sendError
	if !errors.As(err, &se) {
		se = &sendError{stepData, err}
	}
	reason := err.Error()
	switch n := code(err); {
	case n >= 500 && (se.step == stepRcpt || se.step == stepData || se.step == stepEnd):
		// Refused for good. Only a refusal of the mailbox itself marks
		// the address as failing: a refused content (a 554 at the end
		// of DATA for what an offer's message says) or the relay's
		// policy (5.7.x) is this mail's failure, not the person's.
		failing := se.step == stepRcpt && mailboxRefused(err)
		s.fail(db, m, reason, failing)
		if !c.reset() {
			c.close()
			return nil, failing
		}
		return c, failing
	case n >= 400:
		// A refusal of this mail (4xx), or of the sender (5xx at MAIL
		// FROM: the relay's configuration, not the recipient's address).
		s.retry(db, m, err)
		if !c.reset() {
			c.close()
			return nil, false
		}
		return c, false
	case se.step == stepEnd:
		// The relay did not answer the end of DATA: it may have the mail.
		c.close()
		s.uncertain.Add(1)
		s.log.Warn("mail: no answer to the end of DATA: the relay may have the mail; it is not sent again",
			"outbox_id", m.ID, "message_id", m.MessageID, "error", reason)
		if err := s.st.MailUncertain(db, m.ID, m.Attempt, "no answer to the end of DATA: "+reason, s.clock()); err != nil {
			s.log.Error("mail: record an uncertain mail", "outbox_id", m.ID, "error", err.Error())
		}
		return nil, false
	default:
		c.close()
		s.retry(db, m, err)
		return nil, false
	}
}

// retry records a temporary failure of m: queued again after a backoff,
// or failed for good when it had attempts or time enough.
func (s *Service) retry(db context.Context, m serverstore.OutboxMail, cause error) {
	now := s.clock()
	if m.Attempts >= s.cfg.MaxAttempts || now.Sub(m.CreatedAt) >= s.cfg.MaxAge {
		s.fail(db, m, fmt.Sprintf("gave up at attempt %d, %v after it was queued: %v", m.Attempts,
			now.Sub(m.CreatedAt).Round(time.Second), cause), false)
		return
	}
	next := now.Add(s.backoff(m.Attempts))
	if err := s.st.MailRetry(db, m.ID, m.Attempt, cause.Error(), next, now); err != nil {
		s.log.Error("mail: record a temporary failure", "outbox_id", m.ID, "error", err.Error())
		return
	}
	s.retried.Add(1)
	s.log.Warn("mail: temporary failure, tried again later", "outbox_id", m.ID, "kind", m.Kind,
		"attempts", m.Attempts, "next", next.Format(time.RFC3339), "error", cause.Error())
}

// backoff is the wait after the attempts-th failure: RetryBase doubled
// for each earlier one, at most RetryMax, plus up to a fifth at random so
// that mails refused together are not all tried again together.
func (s *Service) backoff(attempts int) time.Duration {
	d := s.cfg.RetryBase
	for i := 1; i < attempts && d < s.cfg.RetryMax; i++ {
		d *= 2
	}
	d = min(d, s.cfg.RetryMax)
	return d + rand.N(d/5+1)
}

// fail records that m will not be delivered; addressFailing marks its
// address as failing (the relay refused it for good).
func (s *Service) fail(db context.Context, m serverstore.OutboxMail, reason string, addressFailing bool) {
	if err := s.st.MailFailed(db, m.ID, m.Attempt, reason, addressFailing, s.clock()); err != nil {
		s.log.Error("mail: record a failed mail", "outbox_id", m.ID, "error", err.Error())
		return
	}
	s.failed.Add(1)
	s.log.Warn("mail: not delivered", "outbox_id", m.ID, "kind", m.Kind, "participant", m.ParticipantID,
		"address_failing", addressFailing, "reason", reason)
	if addressFailing {
		s.changed()
	}
}
