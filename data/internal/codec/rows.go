package codec

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/app/jtext"
)

// Scanner is a *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// Querier is a *sql.Tx or *sql.DB.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// NotFound turns sql.ErrNoRows into app.ErrNotFound, and wraps any other
// error with what was looked for.
func NotFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, app.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// RowsAffected is the count of rows a statement that gave res and err
// changed.
func RowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Bool is b as stored: 1 or 0.
func Bool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// SortKey is the sort key of a reading: hiragana and katakana order
// together.
func SortKey(kana string) string { return jtext.Fold(kana) }

// ParticipantCols are the columns ScanParticipant reads, of the table
// participants as p.
const ParticipantCols = `p.id, p.company_id, p.name, p.kana, p.age_band, p.job_role, p.themes,
	p.interests, p.intro, p.modes, p.free_times, p.free_week, p.visible, p.role`

// ScanParticipant reads a participant, without cohorts, from the
// ParticipantCols and then the extra destinations.
func ScanParticipant(sc Scanner, extra ...any) (app.Participant, error) {
	var p app.Participant
	var themes, modes, week string
	var visible int
	dest := append([]any{&p.ID, &p.CompanyID, &p.Name, &p.Kana, &p.AgeBand, &p.JobRole, &themes,
		&p.Interests, &p.Intro, &modes, &p.FreeTimes, &week, &visible, &p.Role}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	var err error
	if p.Themes, err = FromJSON[[]string](themes, "themes"); err != nil {
		return p, err
	}
	if p.Modes, err = FromJSON[[]app.Mode](modes, "modes"); err != nil {
		return p, err
	}
	if p.FreeWeek, err = FromJSON[app.FreeWeek](week, "free week"); err != nil {
		return p, err
	}
	p.Visible = visible == 1
	return p, nil
}

// Participant loads one participant with their cohorts through q.
func Participant(ctx context.Context, q Querier, id string) (app.Participant, error) {
	p, err := ScanParticipant(q.QueryRowContext(ctx, `SELECT `+ParticipantCols+` FROM participants p WHERE p.id = ?`, id))
	if err != nil {
		return p, NotFound(err, "participant "+id)
	}
	rows, err := q.QueryContext(ctx, `SELECT cohort_id FROM cohort_members WHERE participant_id = ? ORDER BY cohort_id`, id)
	if err != nil {
		return p, fmt.Errorf("cohorts of %s: %w", id, err)
	}
	defer rows.Close()
	p.Cohorts = []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return p, err
		}
		p.Cohorts = append(p.Cohorts, c)
	}
	return p, rows.Err()
}

// OfferCols are the columns ScanOffer reads, of the table offers as o.
const OfferCols = `o.id, o.cohort_id, o.from_id, o.to_id, o.message, o.slots, o.mode, o.state, o.turn,
	o.rounds, o.reason, o.note, o.talk_id, o.created_at, o.updated_at, o.expires_at, o.answered_at, o.chosen_start`

// ScanOffer reads an offer from the OfferCols and then the extra
// destinations.
func ScanOffer(sc Scanner, extra ...any) (app.Offer, error) {
	var o app.Offer
	var slots string
	var created, updated, expires int64
	var answered, chosen sql.NullInt64
	dest := append([]any{&o.ID, &o.CohortID, &o.FromID, &o.ToID, &o.Message, &slots, &o.Mode, &o.State, &o.Turn,
		&o.Rounds, &o.Reason, &o.Note, &o.TalkID, &created, &updated, &expires, &answered, &chosen}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return o, err
	}
	var err error
	if o.Slots, err = FromJSON[[]app.Slot](slots, "slots"); err != nil {
		return o, err
	}
	o.CreatedAt, o.UpdatedAt, o.ExpiresAt = FromMillis(created), FromMillis(updated), FromMillis(expires)
	o.AnsweredAt, o.ChosenStart = FromNullMillis(answered), FromNullMillis(chosen)
	return o, nil
}

// TalkCols are the columns ScanTalk reads, of the table talks as t.
const TalkCols = `t.id, t.offer_id, t.cohort_id, t.a_id, t.b_id, t.start_at, t.end_at, t.mode, t.place,
	t.state, t.reason, t.replaces, t.created_at, t.updated_at, t.proposal, t.history, t.sequence`

// ScanTalk reads a talk from the TalkCols and then the extra
// destinations.
func ScanTalk(sc Scanner, extra ...any) (app.Talk, error) {
	var t app.Talk
	var start, end, created, updated int64
	var proposal, history string
	dest := append([]any{&t.ID, &t.OfferID, &t.CohortID, &t.AID, &t.BID, &start, &end, &t.Mode, &t.Place,
		&t.State, &t.Reason, &t.Replaces, &created, &updated, &proposal, &history, &t.Sequence}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return t, err
	}
	t.Start, t.End, t.CreatedAt, t.UpdatedAt = FromMillis(start), FromMillis(end), FromMillis(created), FromMillis(updated)
	var err error
	if proposal != "" {
		if t.Proposal, err = FromJSON[*app.TimeProposal](proposal, "proposal"); err != nil {
			return t, err
		}
	}
	if t.History, err = FromJSON[[]app.TalkEvent](history, "history"); err != nil {
		return t, err
	}
	if len(t.History) == 0 {
		t.History = nil
	}
	return t, nil
}

// Proposal is a talk's proposal as stored: JSON, or "" for none.
func Proposal(p *app.TimeProposal) string {
	if p == nil {
		return ""
	}
	return JSON(p)
}

// History is a talk's history as stored: a JSON array.
func History(h []app.TalkEvent) string { return JSON(NonNil(h)) }

// CohortCols are the columns ScanCohort reads, of the table cohorts.
const CohortCols = `id, name, starts_on, ends_on, state, offer_expiry_days, max_pending_sent,
	max_pending_received, talk_minutes, survey_opens_on, survey_closes_on, ref_satisfaction, ref_next_round,
	ref_recommend`

// ScanCohort reads a cohort from the CohortCols.
func ScanCohort(sc Scanner) (app.Cohort, error) {
	var c app.Cohort
	var starts, ends, opens, closes string
	var refS, refN, refR sql.NullFloat64
	r := &c.Rules
	if err := sc.Scan(&c.ID, &c.Name, &starts, &ends, &c.State, &r.OfferExpiryDays, &r.MaxPendingSent,
		&r.MaxPendingReceived, &r.TalkMinutes, &opens, &closes, &refS, &refN, &refR); err != nil {
		return c, err
	}
	var err error
	if c.StartsOn, err = FromDay(starts); err != nil {
		return c, err
	}
	if c.EndsOn, err = FromDay(ends); err != nil {
		return c, err
	}
	if c.SurveyOpensOn, err = OptionalDay(opens); err != nil {
		return c, err
	}
	if c.SurveyClosesOn, err = OptionalDay(closes); err != nil {
		return c, err
	}
	if refS.Valid && refN.Valid && refR.Valid {
		c.Reference = &app.ProgrammeFigures{Satisfaction: refS.Float64, NextRound: refN.Float64, Recommend: refR.Float64}
	}
	return c, nil
}

// OptionalDay is the stored date s, or nil for "".
func OptionalDay(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := FromDay(s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// OptDay is the stored form of an optional date: "" for nil.
func OptDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return Day(*t)
}

// Reference is the stored form of a cohort's reference figures: three
// NULLs for none.
func Reference(f *app.ProgrammeFigures) (s, n, r any) {
	if f == nil {
		return nil, nil, nil
	}
	return f.Satisfaction, f.NextRound, f.Recommend
}
