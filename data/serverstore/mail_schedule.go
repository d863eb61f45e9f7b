package serverstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// The mails that time brings, queued by the server's sweep
// (QueueScheduledMail): a reminder the day before a talk and an hour
// before, a word to whoever must answer an offer that expires within a
// day, the programme survey's opening and reminder (mail_programme.go),
// each person's daily digest at DigestHour, and, on Mondays from
// DigestHour, the weekly summary of HR and the secretariat. Each is done
// once per key (mail_scheduled), so that a sweep run twice, or two
// sweeps side by side, queue nothing twice.

// DigestHour is the hour, in Japan time, from which the daily digests
// and, on Mondays, the weekly summaries are queued.
const DigestHour = 8

// Windows of the reminders before a talk starts.
const (
	remindDayBefore  = 24 * time.Hour
	remindHourBefore = time.Hour
	expiringWithin   = 24 * time.Hour
	scheduledKeep    = 60 * 24 * time.Hour // how long done keys are kept
)

// QueueScheduledMail queues, at now, the scheduled mails due and not done
// yet, and reports how many mails it queued. Without a Mailer it does
// nothing.
func (s *Store) QueueScheduledMail(ctx context.Context, now time.Time) (int, error) {
	m := s.currentMailer()
	if m == nil {
		return 0, nil
	}
	// The weekly figures are read before the write transaction, from the
	// committed data, so that the writers do not wait for them.
	weekly, err := s.weeklyEvents(ctx, now)
	if err != nil {
		return 0, err
	}
	err = s.write(ctx, func(t *writeTx) error {
		evs, err := t.dueEvents(ctx, now)
		if err != nil {
			return err
		}
		evs = append(evs, weekly...)
		// The programme survey's keys are done as it reads them.
		surveys, err := t.programmeSurveyEvents(ctx, now)
		if err != nil {
			return err
		}
		for _, ev := range surveys {
			if !concerns(m, ev.Kind) {
				continue
			}
			if err := t.keepMailEvent(ctx, ev); err != nil {
				return err
			}
		}
		for _, d := range evs {
			first, err := t.once(ctx, d.key, now)
			if err != nil {
				return err
			}
			if !first {
				continue
			}
			if !concerns(m, d.ev.Kind) {
				continue
			}
			if err := t.keepMailEvent(ctx, d.ev); err != nil {
				return err
			}
		}
		if err := t.queueDigests(ctx, now); err != nil {
			return err
		}
		_, err = t.tx.ExecContext(ctx, `DELETE FROM mail_scheduled WHERE created_at < ?`,
			codec.Millis(now.Add(-scheduledKeep)))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("scheduled mail: %w", err)
	}
	// Composed at once, with any event the renderer has not reached yet.
	n, err := s.ComposeMail(ctx)
	return n, errors.Join(err, s.render.takeErr())
}

// dueEvent is a scheduled event and the key that makes it once.
type dueEvent struct {
	key string
	ev  MailEvent
}

// once records key as done at now, and reports whether it was not yet.
func (t *writeTx) once(ctx context.Context, key string, now time.Time) (bool, error) {
	n, err := codec.RowsAffected(t.tx.ExecContext(ctx, `INSERT INTO mail_scheduled (key, created_at) VALUES (?, ?)
		ON CONFLICT (key) DO NOTHING`, key, codec.Millis(now)))
	if err != nil {
		return false, fmt.Errorf("scheduled %s: %w", key, err)
	}
	return n == 1, nil
}

// dueEvents lists the reminders and expiring offers due at now. A talk's
// reminders are keyed by its start, so that a talk moved to another time
// is reminded again, and an offer's by its expiry, which a counter moves.
func (t *writeTx) dueEvents(ctx context.Context, now time.Time) ([]dueEvent, error) {
	var out []dueEvent
	rows, err := t.tx.QueryContext(ctx, `SELECT id, start_at FROM talks
		WHERE state = 'scheduled' AND start_at > ? AND start_at <= ? ORDER BY start_at, id`,
		codec.Millis(now), codec.Millis(now.Add(remindDayBefore)))
	if err != nil {
		return nil, fmt.Errorf("talks to remind: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var start int64
		if err := rows.Scan(&id, &start); err != nil {
			return nil, fmt.Errorf("talks to remind: %w", err)
		}
		kind, key := MailRemindDay, "remind-day:"
		if codec.FromMillis(start).Sub(now) <= remindHourBefore {
			kind, key = MailRemindHour, "remind-hour:"
		}
		out = append(out, dueEvent{key + id + ":" + strconv.FormatInt(start, 10),
			MailEvent{Kind: kind, TalkID: id, At: now}})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("talks to remind: %w", err)
	}
	rows.Close()
	rows, err = t.tx.QueryContext(ctx, `SELECT id, expires_at FROM offers
		WHERE state = 'pending' AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, id`,
		codec.Millis(now), codec.Millis(now.Add(expiringWithin)))
	if err != nil {
		return nil, fmt.Errorf("offers expiring: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var expires int64
		if err := rows.Scan(&id, &expires); err != nil {
			return nil, fmt.Errorf("offers expiring: %w", err)
		}
		out = append(out, dueEvent{"expiring:" + id + ":" + strconv.FormatInt(expires, 10),
			MailEvent{Kind: MailExpiring, OfferID: id, At: now}})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("offers expiring: %w", err)
	}
	return out, nil
}

// digestCutoff is the last DigestHour, in Japan time, at or before now:
// the day's digests list the events kept before it.
func digestCutoff(now time.Time) time.Time {
	local := now.In(app.Tokyo)
	d := time.Date(local.Year(), local.Month(), local.Day(), DigestHour, 0, 0, 0, app.Tokyo)
	if d.After(local) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// queueDigests keeps, once a day from DigestHour, one digest event for
// each person with the events kept before that hour, and deletes the
// events it lists. Events kept later wait for the next day's digest.
func (t *writeTx) queueDigests(ctx context.Context, now time.Time) error {
	cutoff := digestCutoff(now)
	day := cutoff.Format("2006-01-02")
	rows, err := t.tx.QueryContext(ctx, `SELECT DISTINCT participant_id FROM mail_digest WHERE created_at < ?
		ORDER BY participant_id`, codec.Millis(cutoff))
	if err != nil {
		return fmt.Errorf("digests: %w", err)
	}
	var people []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("digests: %w", err)
		}
		people = append(people, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("digests: %w", err)
	}
	for _, id := range people {
		first, err := t.once(ctx, "digest:"+id+":"+day, now)
		if err != nil {
			return err
		}
		if !first {
			continue
		}
		entries, last, err := t.digestEntries(ctx, id, cutoff)
		if err != nil {
			return err
		}
		if err := t.keepMailEvent(ctx, MailEvent{Kind: MailDigest, To: id, At: now, Digest: entries}); err != nil {
			return err
		}
		if _, err := t.tx.ExecContext(ctx, `DELETE FROM mail_digest WHERE participant_id = ? AND id <= ? AND created_at < ?`,
			id, last, codec.Millis(cutoff)); err != nil {
			return fmt.Errorf("digest of %s: %w", id, err)
		}
	}
	return nil
}

// digestEntries reads the events kept for id before cutoff, oldest
// first, and the highest row id read.
func (t *writeTx) digestEntries(ctx context.Context, id string, cutoff time.Time) ([]DigestEntry, int64, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, kind, data, created_at FROM mail_digest
		WHERE participant_id = ? AND created_at < ? ORDER BY created_at, id`, id, codec.Millis(cutoff))
	if err != nil {
		return nil, 0, fmt.Errorf("digest of %s: %w", id, err)
	}
	defer rows.Close()
	var out []DigestEntry
	var last int64
	for rows.Next() {
		var row int64
		var e DigestEntry
		var data string
		var at int64
		if err := rows.Scan(&row, &e.Kind, &data, &at); err != nil {
			return nil, 0, fmt.Errorf("digest of %s: %w", id, err)
		}
		e.Data, e.At = []byte(data), codec.FromMillis(at)
		last = max(last, row)
		out = append(out, e)
	}
	return out, last, rows.Err()
}

// weekStart is the Monday, at DigestHour in Japan time, that begins the
// week of now's weekly summary.
func weekStart(now time.Time) time.Time {
	local := now.In(app.Tokyo)
	d := time.Date(local.Year(), local.Month(), local.Day(), DigestHour, 0, 0, 0, app.Tokyo)
	d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) // back to Monday
	if d.After(local) {
		d = d.AddDate(0, 0, -7)
	}
	return d
}

// weeklyEvents makes the weekly summaries not yet queued for the week of
// now: for each HR and secretariat account that asked for one, the counts
// of each running cohort in their scope (their company's people, or
// everyone's for the secretariat), as the dashboard counts them. Figures
// of a scope of fewer than app.MinGroup participants are left out.
func (s *Store) weeklyEvents(ctx context.Context, now time.Time) ([]dueEvent, error) {
	week := weekStart(now).Format("2006-01-02")
	type staff struct {
		id, company, companyName string
		role                     app.Role
	}
	var people []staff
	rows, err := s.r.QueryContext(ctx, `SELECT p.id, p.company_id, coalesce(c.name, ''), p.role
		FROM participants p LEFT JOIN companies c ON c.id = p.company_id
		WHERE p.role IN ('hr', 'secretariat') AND p.mail_weekly = 1 AND p.email <> '' AND p.email_failed_at = 0
		AND p.mail_mode <> 'none'
		AND NOT EXISTS (SELECT 1 FROM mail_scheduled k WHERE k.key = 'weekly:' || p.id || ':' || ?)
		ORDER BY p.id`, week)
	if err != nil {
		return nil, fmt.Errorf("weekly summaries: %w", err)
	}
	for rows.Next() {
		var p staff
		if err := rows.Scan(&p.id, &p.company, &p.companyName, &p.role); err != nil {
			rows.Close()
			return nil, fmt.Errorf("weekly summaries: %w", err)
		}
		people = append(people, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(people) == 0 {
		return nil, err
	}
	var cohorts []app.Cohort
	rows, err = s.r.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE state = 'open' ORDER BY starts_on, id`)
	if err != nil {
		return nil, fmt.Errorf("weekly summaries: %w", err)
	}
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("weekly summaries: %w", err)
		}
		if c.OpenAt(now) {
			cohorts = append(cohorts, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("weekly summaries: %w", err)
	}
	var out []dueEvent
	for _, p := range people {
		ev := MailEvent{Kind: MailWeekly, To: p.id, At: now}
		for _, c := range cohorts {
			scope := app.Scope{CohortID: c.ID}
			name := ""
			if p.role != app.RoleSecretariat {
				scope.CompanyID, name = p.company, p.companyName
			}
			d, err := s.Dashboard(ctx, scope, now)
			if err != nil {
				return nil, err
			}
			if d.Participants == 0 {
				continue
			}
			f := WeeklyFigures{CohortName: c.Name, CompanyName: name, Participants: d.Participants}
			if d.Participants >= app.MinGroup {
				f.Shown, f.OffersSent, f.TalksAgreed, f.TalksHeld = true, d.OffersSent, d.OffersAccepted, d.TalksHeld
			}
			ev.Weekly = append(ev.Weekly, f)
		}
		// Done for the week even with nothing to tell (no running
		// cohort in their scope), so that it is not computed again.
		out = append(out, dueEvent{"weekly:" + p.id + ":" + week, ev})
	}
	return out, nil
}
