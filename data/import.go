package data

import (
	"context"
	"fmt"
	"strings"

	"crosstalk/app"
	"crosstalk/app/jtext"
)

// Import writes every row of d in one transaction: all of it lands, or
// none. Rows whose id exists are replaced. It is how the demo and the
// benchmarks fill a store; participant imports with a preview are the HR
// tool's business.
func (s *Store) Import(ctx context.Context, d app.Dataset) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.Import(ctx, d) })
}

// Import writes every row of d inside t.
func (t *Tx) Import(ctx context.Context, d app.Dataset) error {
	t.directoryChanged = true
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	batches := []struct {
		what  string
		query string
		n     int
		args  func(i int) []any
	}{
		{"company", `INSERT OR REPLACE INTO companies (id, name, industry, version) VALUES (?, ?, ?, ?)`,
			len(d.Companies), func(i int) []any {
				c := d.Companies[i]
				return []any{c.ID, c.Name, c.Industry, v}
			}},
		{"cohort", `INSERT OR REPLACE INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days,
			max_pending_sent, max_pending_received, talk_minutes, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Cohorts), func(i int) []any {
				c := d.Cohorts[i]
				r := c.Rules
				return []any{c.ID, c.Name, day(c.StartsOn), day(c.EndsOn), c.State, r.OfferExpiryDays,
					r.MaxPendingSent, r.MaxPendingReceived, r.TalkMinutes, v}
			}},
		{"participant", `INSERT OR REPLACE INTO participants (id, company_id, name, kana, age_band, job_role,
			themes, interests, intro, modes, free_times, visible, role, sort_key, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Participants), func(i int) []any {
				p := d.Participants[i]
				return []any{p.ID, p.CompanyID, p.Name, p.Kana, p.AgeBand, p.JobRole, jsonText(nonNil(p.Themes)),
					p.Interests, p.Intro, jsonText(nonNil(p.Modes)), p.FreeTimes, boolInt(p.Visible), p.Role,
					foldKana(p.Kana), v}
			}},
		{"offer", `INSERT OR REPLACE INTO offers (id, cohort_id, from_id, to_id, message, slots, mode, state,
			turn, rounds, reason, note, talk_id, created_at, updated_at, expires_at, answered_at, chosen_start,
			version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Offers), func(i int) []any {
				o := d.Offers[i]
				return []any{o.ID, o.CohortID, o.FromID, o.ToID, o.Message, jsonText(nonNil(o.Slots)), o.Mode,
					o.State, o.Turn, o.Rounds, o.Reason, o.Note, o.TalkID, ms(o.CreatedAt), ms(o.UpdatedAt),
					ms(o.ExpiresAt), nullMS(o.AnsweredAt), nullMS(o.ChosenStart), v}
			}},
		{"talk", `INSERT OR REPLACE INTO talks (id, offer_id, cohort_id, a_id, b_id, start_at, end_at, mode,
			place, state, reason, replaces, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Talks), func(i int) []any {
				k := d.Talks[i]
				return []any{k.ID, k.OfferID, k.CohortID, k.AID, k.BID, ms(k.Start), ms(k.End), k.Mode,
					k.Place, k.State, k.Reason, k.Replaces, ms(k.CreatedAt), ms(k.UpdatedAt), v}
			}},
		{"survey", `INSERT OR REPLACE INTO surveys (talk_id, author_id, satisfaction, recommend, comment,
			created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			len(d.Surveys), func(i int) []any {
				s := d.Surveys[i]
				return []any{s.TalkID, s.AuthorID, s.Satisfaction, s.Recommend, s.Comment, ms(s.CreatedAt), v}
			}},
		{"bookmark", `INSERT OR REPLACE INTO bookmarks (owner_id, target_id, created_at, version) VALUES (?, ?, 0, ?)`,
			len(d.Bookmarks), func(i int) []any {
				b := d.Bookmarks[i]
				return []any{b.OwnerID, b.TargetID, v}
			}},
	}
	for _, b := range batches {
		if b.n == 0 {
			continue
		}
		stmt, err := t.tx.PrepareContext(ctx, b.query)
		if err != nil {
			return fmt.Errorf("import %s: %w", b.what, err)
		}
		for i := range b.n {
			if _, err := stmt.ExecContext(ctx, b.args(i)...); err != nil {
				stmt.Close()
				return fmt.Errorf("import %s %d: %w", b.what, i, err)
			}
		}
		stmt.Close()
	}
	if err := t.importMembers(ctx, d.Participants, d.Members, v); err != nil {
		return err
	}
	ids := make([]string, len(d.Participants))
	for i, p := range d.Participants {
		ids[i] = p.ID
	}
	companies := make([]string, len(d.Companies))
	for i, c := range d.Companies {
		companies[i] = c.ID
	}
	return t.reindex(ctx, ids, companies)
}

func (t *Tx) importMembers(ctx context.Context, ps []app.Participant, ms []app.Membership, v int64) error {
	stmt, err := t.tx.PrepareContext(ctx, `INSERT OR REPLACE INTO cohort_members (cohort_id, participant_id, version)
		VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("import cohort members: %w", err)
	}
	defer stmt.Close()
	for _, p := range ps {
		for _, c := range p.Cohorts {
			ms = append(ms, app.Membership{CohortID: c, ParticipantID: p.ID})
		}
	}
	for _, m := range ms {
		if _, err := stmt.ExecContext(ctx, m.CohortID, m.ParticipantID, v); err != nil {
			return fmt.Errorf("import cohort member %s of %s: %w", m.ParticipantID, m.CohortID, err)
		}
	}
	return nil
}

// reindex rebuilds the folded search text of the given participants, and
// of every participant of the given companies, from the stored profiles
// and companies. A company not (yet) in the file counts as blank: a
// replica may receive a profile before its company.
func (t *Tx) reindex(ctx context.Context, participantIDs, companyIDs []string) error {
	t.directoryChanged = true
	if len(participantIDs) == 0 && len(companyIDs) == 0 {
		return nil
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.name, p.kana, coalesce(c.name, ''), coalesce(c.industry, ''),
		p.job_role, p.themes, p.interests, p.intro
		FROM participants p LEFT JOIN companies c ON c.id = p.company_id
		WHERE p.id IN (SELECT value FROM json_each(?1)) OR p.company_id IN (SELECT value FROM json_each(?2))`,
		jsonText(nonNil(participantIDs)), jsonText(nonNil(companyIDs)))
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	type entry struct{ id, text string }
	var entries []entry
	for rows.Next() {
		var f [9]string
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8]); err != nil {
			rows.Close()
			return fmt.Errorf("reindex: %w", err)
		}
		themes, err := fromJSON[[]string](f[6], "themes")
		if err != nil {
			rows.Close()
			return fmt.Errorf("reindex %s: %w", f[0], err)
		}
		entries = append(entries, entry{f[0], searchText(f[1], f[2], f[3], f[4], f[5], strings.Join(themes, " "), f[7], f[8])})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	stmt, err := t.tx.PrepareContext(ctx, `INSERT OR REPLACE INTO participant_search (participant_id, text) VALUES (?, ?)`)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer stmt.Close()
	for _, e := range entries {
		if _, err := stmt.ExecContext(ctx, e.id, e.text); err != nil {
			return fmt.Errorf("reindex %s: %w", e.id, err)
		}
	}
	return nil
}

// foldKana is the sort key of a reading: hiragana and katakana order
// together.
func foldKana(kana string) string { return jtext.Fold(kana) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
