package serverstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Another person's busy times (issue 19): the offer dialog asks the
// server when the person it proposes times to is taken, so that it
// proposes none that clash with their talks. The answer says only when:
// no talk, no counterpart, no mode, no place (sync/wire's busy.go).

// busyBounds are the hours, in Tokyo, that busy times are rounded out to:
// the day's blocks before the afternoon, the afternoon and the evening
// (app.DayPart's windows, stretched to fill the day). A talk from 14:10
// to 14:55 makes the whole afternoon, 13:00 to 17:00, busy: the answer
// says which parts of a day are taken, never when a talk is, so that two
// people's answers do not match talk for talk (who talks with whom).
var busyBounds = [...]int{0, 13, 17, 24}

// roundOutToParts is s widened to the busyBounds around it.
func roundOutToParts(s app.Slot) app.Slot {
	start := s.Start.In(app.Tokyo)
	day := app.StartOfDay(start)
	out := app.Slot{Start: day}
	for _, h := range busyBounds {
		if b := day.Add(time.Duration(h) * time.Hour); !b.After(start) {
			out.Start = b
		}
	}
	end := s.End.In(app.Tokyo)
	day = app.StartOfDay(end)
	if end.Equal(day) {
		out.End = day
		return out
	}
	for _, h := range busyBounds {
		if b := day.Add(time.Duration(h) * time.Hour); !b.Before(end) {
			out.End = b
			break
		}
	}
	return out
}

// BusyTimes lists when personID is taken in [from, to), for askerID: the
// person's scheduled talks, and the new times proposed for one of them
// and not answered yet, each rounded out to the parts of the day it
// touches (busyBounds), merged where
// they touch or overlap, cut to [from, to), in order.
//
// askerID may ask only about someone they may send an offer to at now: a
// participant themselves, asking about a listed participant (visible and
// joined) of another company, with a cohort open at now that both belong
// to. Anyone else, and an unknown asker or person, is refused with
// app.CodeNotAllowed, the same refusal whatever the reason, so that it
// tells nothing of the person.
func (s *Store) BusyTimes(ctx context.Context, askerID, personID string, from, to, now time.Time) ([]app.Slot, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("busy times: %w", err)
	}
	defer tx.Rollback()
	if err := mayAskBusy(ctx, tx, askerID, personID, now); err != nil {
		return nil, err
	}
	// The period, widened to whole parts of days: a narrower period
	// would tell, by what it leaves out, where a talk begins and ends.
	from, to = widenToParts(from, to)
	rows, err := tx.QueryContext(ctx, `SELECT start_at, end_at, proposal FROM talks
		WHERE (a_id = ?1 OR b_id = ?1) AND state = 'scheduled'
			AND (start_at < ?3 AND end_at > ?2 OR proposal <> '')`,
		personID, codec.Millis(from), codec.Millis(to))
	if err != nil {
		return nil, fmt.Errorf("busy times: %w", err)
	}
	defer rows.Close()
	var taken []app.Slot
	for rows.Next() {
		var start, end int64
		var proposal string
		if err := rows.Scan(&start, &end, &proposal); err != nil {
			return nil, fmt.Errorf("busy times: %w", err)
		}
		taken = append(taken, app.Slot{Start: codec.FromMillis(start), End: codec.FromMillis(end)})
		if proposal != "" {
			p, err := codec.FromJSON[app.TimeProposal](proposal, "proposal")
			if err != nil {
				return nil, fmt.Errorf("busy times: %w", err)
			}
			taken = append(taken, app.Slot{Start: p.Start, End: p.End})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("busy times: %w", err)
	}
	return MergeBusy(taken, from, to), nil
}

// errNotAllowedBusy is the one refusal of BusyTimes.
func errNotAllowedBusy(why string) error {
	return app.Reject(app.CodeNotAllowed, "busy times: %s", why)
}

// mayAskBusy checks that askerID may ask for personID's busy times at
// now (BusyTimes says who may).
func mayAskBusy(ctx context.Context, tx *sql.Tx, askerID, personID string, now time.Time) error {
	if askerID == "" || personID == "" || askerID == personID {
		return errNotAllowedBusy("not another person")
	}
	var askerCompany, askerRole, company string
	var listed bool
	err := tx.QueryRowContext(ctx, `SELECT a.company_id, a.role, p.company_id, p.listed
		FROM participants a, participants p WHERE a.id = ? AND p.id = ?`, askerID, personID).
		Scan(&askerCompany, &askerRole, &company, &listed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return errNotAllowedBusy("unknown asker or person")
	case err != nil:
		return fmt.Errorf("busy times: %w", err)
	case app.Role(askerRole) != app.RoleParticipant:
		return errNotAllowedBusy("the asker is not a participant")
	case !listed: // listed people are participants
		return errNotAllowedBusy("the person is not listed")
	case company == askerCompany:
		return errNotAllowedBusy("colleagues")
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts
		WHERE state = 'open'
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = cohorts.id AND m.participant_id = ?1)
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = cohorts.id AND m.participant_id = ?2)`,
		askerID, personID)
	if err != nil {
		return fmt.Errorf("busy times: cohorts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			return fmt.Errorf("busy times: cohorts: %w", err)
		}
		if c.OpenAt(now) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("busy times: cohorts: %w", err)
	}
	return errNotAllowedBusy("no open cohort in common")
}

// widenToParts is [from, to) widened out to the busyBounds around it.
func widenToParts(from, to time.Time) (time.Time, time.Time) {
	return roundOutToParts(app.Slot{Start: from, End: from}).Start, roundOutToParts(app.Slot{Start: to, End: to}).End
}

// MergeBusy rounds each of taken out to the parts of the day it touches
// (busyBounds), merges those that touch or overlap, and cuts them to
// [from, to) widened out to whole parts (widenToParts): the busy
// intervals in order, none touching another, none empty. Only whole parts
// are ever said, whatever the period asked, so that no answer tells where
// within a part a talk lies.
func MergeBusy(taken []app.Slot, from, to time.Time) []app.Slot {
	from, to = widenToParts(from, to)
	var out []app.Slot
	rounded := make([]app.Slot, 0, len(taken))
	for _, t := range taken {
		r := roundOutToParts(t)
		if !r.Start.Before(to) || !r.End.After(from) {
			continue // outside the period: it makes no part of it busy
		}
		start, end := r.Start.UTC(), r.End.UTC()
		if start.Before(from) {
			start = from.UTC()
		}
		if end.After(to) {
			end = to.UTC()
		}
		if start.Before(end) {
			rounded = append(rounded, app.Slot{Start: start, End: end})
		}
	}
	slices.SortFunc(rounded, func(a, b app.Slot) int { return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End)) })
	for _, r := range rounded {
		if n := len(out); n > 0 && !r.Start.After(out[n-1].End) {
			if r.End.After(out[n-1].End) {
				out[n-1].End = r.End
			}
			continue
		}
		out = append(out, r)
	}
	return out
}
