package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"crosstalk/app"
)

// Times are stored as Unix milliseconds; cohort dates as YYYY-MM-DD.

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func nullMS(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

func fromNullMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

const dateLayout = "2006-01-02"

func day(t time.Time) string { return t.In(app.Tokyo).Format(dateLayout) }

func fromDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, app.Tokyo)
	if err != nil {
		return t, fmt.Errorf("date %q: %w", s, err)
	}
	return t, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("data: encode %T: %v", v, err)) // only slices of plain values reach here
	}
	return string(b)
}

// jsonStrings is jsonText of ss, written directly when no string needs
// escaping (themes and modes never do).
func jsonStrings[S ~string](ss []S) string {
	n := 2
	for _, s := range ss {
		if !plainJSON(string(s)) {
			return jsonText(ss)
		}
		n += len(s) + 3
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(string(s))
		b.WriteByte('"')
	}
	b.WriteByte(']')
	return b.String()
}

// plainJSON reports whether json.Marshal writes s as it is, in quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9): // U+2028, U+2029
			return false
		}
	}
	return utf8.ValidString(s)
}

func fromJSON[T any](s string, what string) (T, error) {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return v, fmt.Errorf("decode %s: %w", what, err)
	}
	return v, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

const participantCols = `p.id, p.company_id, p.name, p.kana, p.age_band, p.job_role, p.themes,
	p.interests, p.intro, p.modes, p.free_times, p.visible, p.role`

func scanParticipant(sc scanner, extra ...any) (app.Participant, error) {
	var p app.Participant
	var themes, modes string
	var visible int
	dest := append([]any{&p.ID, &p.CompanyID, &p.Name, &p.Kana, &p.AgeBand, &p.JobRole, &themes,
		&p.Interests, &p.Intro, &modes, &p.FreeTimes, &visible, &p.Role}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	var err error
	if p.Themes, err = fromJSON[[]string](themes, "themes"); err != nil {
		return p, err
	}
	if p.Modes, err = fromJSON[[]app.Mode](modes, "modes"); err != nil {
		return p, err
	}
	p.Visible = visible == 1
	return p, nil
}

const offerCols = `o.id, o.cohort_id, o.from_id, o.to_id, o.message, o.slots, o.mode, o.state, o.turn,
	o.rounds, o.reason, o.note, o.talk_id, o.created_at, o.updated_at, o.expires_at, o.answered_at, o.chosen_start`

func scanOffer(sc scanner, extra ...any) (app.Offer, error) {
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
	if o.Slots, err = fromJSON[[]app.Slot](slots, "slots"); err != nil {
		return o, err
	}
	o.CreatedAt, o.UpdatedAt, o.ExpiresAt = fromMS(created), fromMS(updated), fromMS(expires)
	o.AnsweredAt, o.ChosenStart = fromNullMS(answered), fromNullMS(chosen)
	return o, nil
}

const talkCols = `t.id, t.offer_id, t.cohort_id, t.a_id, t.b_id, t.start_at, t.end_at, t.mode, t.place,
	t.state, t.reason, t.replaces, t.created_at, t.updated_at`

func scanTalk(sc scanner, extra ...any) (app.Talk, error) {
	var t app.Talk
	var start, end, created, updated int64
	dest := append([]any{&t.ID, &t.OfferID, &t.CohortID, &t.AID, &t.BID, &start, &end, &t.Mode, &t.Place,
		&t.State, &t.Reason, &t.Replaces, &created, &updated}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return t, err
	}
	t.Start, t.End, t.CreatedAt, t.UpdatedAt = fromMS(start), fromMS(end), fromMS(created), fromMS(updated)
	return t, nil
}

const cohortCols = `id, name, starts_on, ends_on, state, offer_expiry_days, max_pending_sent,
	max_pending_received, talk_minutes`

func scanCohort(sc scanner) (app.Cohort, error) {
	var c app.Cohort
	var starts, ends string
	r := &c.Rules
	if err := sc.Scan(&c.ID, &c.Name, &starts, &ends, &c.State, &r.OfferExpiryDays, &r.MaxPendingSent,
		&r.MaxPendingReceived, &r.TalkMinutes); err != nil {
		return c, err
	}
	var err error
	if c.StartsOn, err = fromDay(starts); err != nil {
		return c, err
	}
	c.EndsOn, err = fromDay(ends)
	return c, err
}
