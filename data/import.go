package data

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"

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
	if err := t.writeCompanies(ctx, d.Companies, v); err != nil {
		return err
	}
	if err := t.writeParticipants(ctx, d.Participants, v); err != nil {
		return err
	}
	batches := []struct {
		what  string
		query string
		n     int
		args  func(i int) []any
	}{
		{"cohort", `INSERT OR REPLACE INTO cohorts (id, name, starts_on, ends_on, state, offer_expiry_days,
			max_pending_sent, max_pending_received, talk_minutes, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Cohorts), func(i int) []any {
				c := d.Cohorts[i]
				r := c.Rules
				return []any{c.ID, c.Name, day(c.StartsOn), day(c.EndsOn), c.State, r.OfferExpiryDays,
					r.MaxPendingSent, r.MaxPendingReceived, r.TalkMinutes, v}
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
	for _, p := range ps {
		for _, c := range p.Cohorts {
			ms = append(ms, app.Membership{CohortID: c, ParticipantID: p.ID})
		}
	}
	if len(ms) == 0 {
		return nil
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO cohort_members (cohort_id, participant_id, version)
		SELECT value->>'cohortId', value->>'participantId', ?2 FROM json_each(?1)`, jsonText(ms), v); err != nil {
		return fmt.Errorf("import cohort members: %w", err)
	}
	return nil
}

// writeCompanies writes companies at version v, all in one statement.
func (t *Tx) writeCompanies(ctx context.Context, cs []app.Company, v int64) error {
	if len(cs) == 0 {
		return nil
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO companies (id, name, industry, version)
		SELECT value->>'id', value->>'name', value->>'industry', ?2 FROM json_each(?1)`, jsonText(cs), v); err != nil {
		return fmt.Errorf("import companies: %w", err)
	}
	return nil
}

// participantRow is a participants row as writeParticipants hands it to
// SQLite, in one JSON array for the whole batch.
type participantRow struct {
	ID        string `json:"i"`
	CompanyID string `json:"c"`
	Name      string `json:"n"`
	Kana      string `json:"k"`
	AgeBand   string `json:"a"`
	JobRole   string `json:"j"`
	Themes    string `json:"t"`
	Interests string `json:"in"`
	Intro     string `json:"it"`
	Modes     string `json:"m"`
	FreeTimes string `json:"f"`
	Visible   int    `json:"v"`
	Role      string `json:"r"`
	SortKey   string `json:"s"`
}

// writeParticipants writes profiles at version v (not their cohorts), in
// one statement: a statement per row costs more in cgo calls than SQLite
// spends on it.
func (t *Tx) writeParticipants(ctx context.Context, ps []app.Participant, v int64) error {
	if len(ps) == 0 {
		return nil
	}
	rows := make([]participantRow, len(ps))
	parallel(len(ps), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			p := &ps[i]
			rows[i] = participantRow{ID: p.ID, CompanyID: p.CompanyID, Name: p.Name, Kana: p.Kana, AgeBand: string(p.AgeBand),
				JobRole: p.JobRole, Themes: jsonText(nonNil(p.Themes)), Interests: p.Interests, Intro: p.Intro,
				Modes: jsonText(nonNil(p.Modes)), FreeTimes: p.FreeTimes, Visible: boolInt(p.Visible), Role: string(p.Role),
				SortKey: foldKana(p.Kana)}
		}
	})
	if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO participants (id, company_id, name, kana, age_band,
		job_role, themes, interests, intro, modes, free_times, visible, role, sort_key, version)
		SELECT value->>'i', value->>'c', value->>'n', value->>'k', value->>'a', value->>'j', value->>'t', value->>'in',
			value->>'it', value->>'m', value->>'f', value->>'v', value->>'r', value->>'s', ?2
		FROM json_each(?1)`, jsonText(rows), v); err != nil {
		return fmt.Errorf("import participants: %w", err)
	}
	return nil
}

// reindex rebuilds the folded search text of the given participants, and
// of every participant of the given companies, from the stored profiles
// and companies. A company not (yet) in the file counts as blank: a
// replica may receive a profile before its company. For a participant
// named only through their company, the company's part of the stored
// text is replaced, and the rest kept.
func (t *Tx) reindex(ctx context.Context, participantIDs, companyIDs []string) error {
	t.directoryChanged = true
	if len(participantIDs) == 0 && len(companyIDs) == 0 {
		return nil
	}
	companies, err := t.foldedCompanies(ctx)
	if err != nil {
		return err
	}
	var out []searchEntry
	full := participantIDs
	if len(companyIDs) > 0 {
		rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.company_id, s.text FROM participants p
			LEFT JOIN participant_search s ON s.participant_id = p.id
			WHERE p.company_id IN (SELECT value FROM json_each(?2)) AND p.id NOT IN (SELECT value FROM json_each(?1))`,
			jsonText(nonNil(participantIDs)), jsonText(companyIDs))
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		for rows.Next() {
			var id, company string
			var text sql.NullString
			if err := rows.Scan(&id, &company, &text); err != nil {
				rows.Close()
				return fmt.Errorf("reindex: %w", err)
			}
			f := strings.Split(text.String, "\n")
			if !text.Valid || len(f) != searchFields {
				full = append(full[:len(full):len(full)], id)
				continue
			}
			c := companies[company]
			if f[2] != c.name || f[3] != c.industry {
				f[2], f[3] = c.name, c.industry
				out = append(out, searchEntry{id, strings.Join(f, "\n")})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
	}
	if len(full) > 0 {
		rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.company_id, p.name, p.sort_key, p.job_role, p.themes,
			p.interests, p.intro FROM participants p WHERE p.id IN (SELECT value FROM json_each(?1))`, jsonText(full))
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		var ps []searchSource
		for rows.Next() {
			var p searchSource
			var themes string
			if err := rows.Scan(&p.id, &p.company, &p.name, &p.kana, &p.jobRole, &themes, &p.interests, &p.intro); err != nil {
				rows.Close()
				return fmt.Errorf("reindex: %w", err)
			}
			th, err := fromJSON[[]string](themes, "themes")
			if err != nil {
				rows.Close()
				return fmt.Errorf("reindex %s: %w", p.id, err)
			}
			p.themes = strings.Join(th, " ")
			ps = append(ps, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		out = append(out, searchTexts(ps, companies)...)
	}
	if len(out) == 0 {
		return nil
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT OR REPLACE INTO participant_search (participant_id, text)
		SELECT value->>'i', value->>'t' FROM json_each(?1)`, jsonText(out)); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return nil
}

// searchFields is the number of fields of a search text: name, reading,
// company, industry, role, themes, interests, introduction.
const searchFields = 8

// searchEntry is one participant's search text.
type searchEntry struct {
	ID   string `json:"i"`
	Text string `json:"t"`
}

// searchSource is what a participant's search text is made of; kana is
// already folded (the sort key), themes joined by spaces.
type searchSource struct {
	id, company, name, kana, jobRole, themes, interests, intro string
}

// foldedCompany is a company's name and industry, folded.
type foldedCompany struct{ name, industry string }

// foldedCompanies folds the name and industry of every company in the
// file, once for all their participants.
func (t *Tx) foldedCompanies(ctx context.Context) (map[string]foldedCompany, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, name, industry FROM companies`)
	if err != nil {
		return nil, fmt.Errorf("reindex: companies: %w", err)
	}
	defer rows.Close()
	out := map[string]foldedCompany{}
	for rows.Next() {
		var id, name, industry string
		if err := rows.Scan(&id, &name, &industry); err != nil {
			return nil, fmt.Errorf("reindex: companies: %w", err)
		}
		out[id] = foldedCompany{jtext.Fold(name), jtext.Fold(industry)}
	}
	return out, rows.Err()
}

// searchTexts folds the search texts of ps, on every core. Roles and
// theme lists, which many people share, are folded once each.
func searchTexts(ps []searchSource, companies map[string]foldedCompany) []searchEntry {
	out := make([]searchEntry, len(ps))
	parallel(len(ps), func(lo, hi int) {
		shared := map[string]string{}
		fold := func(s string) string {
			f, ok := shared[s]
			if !ok {
				f = jtext.Fold(s)
				shared[s] = f
			}
			return f
		}
		for i := lo; i < hi; i++ {
			p := &ps[i]
			c := companies[p.company] // blank when not (yet) in the file
			out[i] = searchEntry{p.id, strings.Join([]string{jtext.Fold(p.name), p.kana, c.name, c.industry,
				fold(p.jobRole), fold(p.themes), jtext.Fold(p.interests), jtext.Fold(p.intro)}, "\n")}
		}
	})
	return out
}

// parallel runs fn over [0, n) cut in one range per core (one range when
// n is small).
func parallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/256+1)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
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
