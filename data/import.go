package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/codec"
	"crosstalk/data/internal/parallel"
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
	companies, err := t.foldedCompanies(ctx)
	if err != nil {
		return err
	}
	// The profiles' search texts are folded, from the rows in memory,
	// while SQLite writes the rows.
	keys := sortKeys(d.Participants)
	texts := make(chan []searchEntry, 1)
	go func() { texts <- searchTexts(searchSources(d.Participants, keys), companies) }()
	defer func() {
		if texts != nil {
			<-texts
		}
	}()
	if err := t.writeParticipants(ctx, d.Participants, keys, v); err != nil {
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
				return []any{c.ID, c.Name, codec.Day(c.StartsOn), codec.Day(c.EndsOn), c.State, r.OfferExpiryDays,
					r.MaxPendingSent, r.MaxPendingReceived, r.TalkMinutes, v}
			}},
		{"offer", `INSERT OR REPLACE INTO offers (id, cohort_id, from_id, to_id, message, slots, mode, state,
			turn, rounds, reason, note, talk_id, created_at, updated_at, expires_at, answered_at, chosen_start,
			version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Offers), func(i int) []any {
				o := d.Offers[i]
				return []any{o.ID, o.CohortID, o.FromID, o.ToID, o.Message, codec.JSON(codec.NonNil(o.Slots)), o.Mode,
					o.State, o.Turn, o.Rounds, o.Reason, o.Note, o.TalkID, codec.Millis(o.CreatedAt), codec.Millis(o.UpdatedAt),
					codec.Millis(o.ExpiresAt), codec.NullMillis(o.AnsweredAt), codec.NullMillis(o.ChosenStart), v}
			}},
		{"talk", `INSERT OR REPLACE INTO talks (id, offer_id, cohort_id, a_id, b_id, start_at, end_at, mode,
			place, state, reason, replaces, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Talks), func(i int) []any {
				k := d.Talks[i]
				return []any{k.ID, k.OfferID, k.CohortID, k.AID, k.BID, codec.Millis(k.Start), codec.Millis(k.End), k.Mode,
					k.Place, k.State, k.Reason, k.Replaces, codec.Millis(k.CreatedAt), codec.Millis(k.UpdatedAt), v}
			}},
		{"survey", `INSERT OR REPLACE INTO surveys (talk_id, author_id, satisfaction, recommend, comment,
			created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			len(d.Surveys), func(i int) []any {
				s := d.Surveys[i]
				return []any{s.TalkID, s.AuthorID, s.Satisfaction, s.Recommend, s.Comment, codec.Millis(s.CreatedAt), v}
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
	if err := t.importMembers(ctx, d, v); err != nil {
		return err
	}
	if err := t.writeEmployeeNos(ctx, d.EmployeeNos); err != nil {
		return err
	}
	entries := <-texts
	texts = nil
	if err := t.writeSearchTexts(ctx, entries); err != nil {
		return err
	}
	ids := make([]string, len(d.Participants))
	for i, p := range d.Participants {
		ids[i] = p.ID
	}
	changed := make([]string, len(d.Companies))
	for i, c := range d.Companies {
		changed[i] = c.ID
	}
	// The others of the companies written take their new names.
	return t.reindexCompanies(ctx, companies, ids, changed)
}

// writeEmployeeNos stores the employee numbers nos, by participant id.
// They are not synced, so they take no version.
func (t *Tx) writeEmployeeNos(ctx context.Context, nos map[string]string) error {
	ids := make([]string, 0, len(nos))
	for id := range nos {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return t.execEach(ctx, "employee number", `UPDATE participants SET employee_no = ? WHERE id = ?`,
		len(ids), func(i int) []any { return []any{nos[ids[i]], ids[i]} })
}

func (t *Tx) importMembers(ctx context.Context, d app.Dataset, v int64) error {
	ms := d.Members
	for _, p := range d.Participants {
		for _, c := range p.Cohorts {
			ms = append(ms, app.Membership{CohortID: c, ParticipantID: p.ID})
		}
	}
	if err := t.execEach(ctx, "cohort member", `INSERT OR REPLACE INTO cohort_members (cohort_id, participant_id, version)
		VALUES (?, ?, ?)`, len(ms), func(i int) []any { return []any{ms[i].CohortID, ms[i].ParticipantID, v} }); err != nil {
		return err
	}
	// A member whose profile and company this import wrote too has
	// nothing to raise: they are at this version already.
	companies := make(map[string]bool, len(d.Companies))
	for _, c := range d.Companies {
		companies[c.ID] = true
	}
	current := make(map[string]bool, len(d.Participants))
	for _, p := range d.Participants {
		current[p.ID] = companies[p.CompanyID]
	}
	var raise []app.Membership
	for _, m := range ms {
		if !current[m.ParticipantID] {
			raise = append(raise, m)
		}
	}
	return t.MembersWritten(ctx, raise)
}

// MembersWritten keeps the cohort buckets' sources right (migration 003)
// after the memberships ms were written at this transaction's version:
// it raises each member's version to it, and the version of each company
// whose first member in a cohort is among them. Every writer of
// cohort_members calls it in the same transaction.
func (t *Tx) MembersWritten(ctx context.Context, ms []app.Membership) error {
	if len(ms) == 0 || t.replica {
		return nil
	}
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	list := codec.JSON(ms)
	if _, err := t.tx.ExecContext(ctx, `UPDATE participants SET version = ?2
		WHERE version < ?2 AND id IN (SELECT value->>'participantId' FROM json_each(?1))`, list, v); err != nil {
		return fmt.Errorf("members written: %w", err)
	}
	// A company had no member in a cohort before this transaction when no
	// member of it there has an older version.
	if _, err := t.tx.ExecContext(ctx, `WITH pairs AS (SELECT DISTINCT j.value->>'cohortId' AS cohort, p.company_id AS company
			FROM json_each(?1) j JOIN participants p ON p.id = j.value->>'participantId')
		UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN (SELECT company FROM pairs
			WHERE NOT EXISTS (SELECT 1 FROM participants o JOIN cohort_members m
				ON m.cohort_id = pairs.cohort AND m.participant_id = o.id
				WHERE o.company_id = pairs.company AND m.version < ?2))`, list, v); err != nil {
		return fmt.Errorf("members written: %w", err)
	}
	return nil
}

// CompaniesChanged keeps the cohort buckets' sources right (migration
// 003) after the participants ids moved to another company in this
// transaction: it raises the version of the new company of each who is a
// member of a cohort. Every writer of participants.company_id calls it in
// the same transaction.
func (t *Tx) CompaniesChanged(ctx context.Context, ids []string) error {
	if len(ids) == 0 || t.replica {
		return nil
	}
	v, err := t.Version(ctx)
	if err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE companies SET version = ?2 WHERE version < ?2 AND id IN
		(SELECT p.company_id FROM participants p WHERE p.id IN (SELECT value FROM json_each(?1))
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.participant_id = p.id))`, codec.JSON(ids), v); err != nil {
		return fmt.Errorf("companies changed: %w", err)
	}
	return nil
}

// writeCompanies writes companies at version v.
func (t *Tx) writeCompanies(ctx context.Context, cs []app.Company, v int64) error {
	return t.execEach(ctx, "company", `INSERT OR REPLACE INTO companies (id, name, industry, version) VALUES (?, ?, ?, ?)`,
		len(cs), func(i int) []any { return []any{cs[i].ID, cs[i].Name, cs[i].Industry, v} })
}

// sortKeys folds the readings of ps on every core: their sort keys.
func sortKeys(ps []app.Participant) []string {
	keys := make([]string, len(ps))
	parallel.Ranges(len(ps), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = codec.SortKey(ps[i].Kana)
		}
	})

	return keys
}

// writeParticipants writes profiles at version v (not their cohorts),
// with their sort keys.
func (t *Tx) writeParticipants(ctx context.Context, ps []app.Participant, keys []string, v int64) error {
	moved, err := t.movedParticipants(ctx, ps)
	if err != nil {
		return err
	}
	if err := t.execEach(ctx, "participant", `INSERT OR REPLACE INTO participants (id, company_id, name, kana, age_band,
		job_role, themes, interests, intro, modes, free_times, visible, role, sort_key, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(ps), func(i int) []any {
		p := &ps[i]
		return []any{p.ID, p.CompanyID, p.Name, p.Kana, p.AgeBand, p.JobRole, codec.JSONStrings(p.Themes),
			p.Interests, p.Intro, codec.JSONStrings(p.Modes), p.FreeTimes, codec.Bool(p.Visible), p.Role, keys[i], v}
	}); err != nil {
		return err
	}
	return t.CompaniesChanged(ctx, moved)
}

// movedParticipants lists those of ps already stored with another
// company.
func (t *Tx) movedParticipants(ctx context.Context, ps []app.Participant) ([]string, error) {
	if len(ps) == 0 || t.replica {
		return nil, nil
	}
	company := make(map[string]string, len(ps))
	ids := make([]string, len(ps))
	for i, p := range ps {
		company[p.ID], ids[i] = p.CompanyID, p.ID
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT id, company_id FROM participants WHERE id IN (SELECT value FROM json_each(?1))`,
		codec.JSON(ids))
	if err != nil {
		return nil, fmt.Errorf("import participants: %w", err)
	}
	defer rows.Close()
	var moved []string
	for rows.Next() {
		var id, c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, fmt.Errorf("import participants: %w", err)
		}
		if company[id] != c {
			moved = append(moved, id)
		}
	}
	return moved, rows.Err()
}

// execEach runs one prepared statement n times, with args(i) the i-th
// time. (A statement per row costs less than SQLite reading the batch
// from one JSON array: INSERT … SELECT from json_each is slower.)
func (t *Tx) execEach(ctx context.Context, what, query string, n int, args func(i int) []any) error {
	if n == 0 {
		return nil
	}
	stmt, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("import %s: %w", what, err)
	}
	defer stmt.Close()
	for i := range n {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return fmt.Errorf("import %s %d: %w", what, i, err)
		}
	}
	return nil
}

// Reindex rebuilds the folded search text of the given participants, and
// of every participant of the given companies, from the stored profiles
// and companies. A company not (yet) in the file counts as blank: a
// replica may receive a profile before its company. For a participant
// named only through their company, the company's part of the stored
// text is replaced, and the rest kept.
func (t *Tx) Reindex(ctx context.Context, participantIDs, companyIDs []string) error {
	t.directoryChanged = true
	if len(participantIDs) == 0 && len(companyIDs) == 0 {
		return nil
	}
	companies, err := t.foldedCompanies(ctx)
	if err != nil {
		return err
	}
	out, err := t.storedSearchTexts(ctx, companies, participantIDs)
	if err != nil {
		return err
	}
	if err := t.writeSearchTexts(ctx, out); err != nil {
		return err
	}
	return t.reindexCompanies(ctx, companies, participantIDs, companyIDs)
}

// reindexCompanies rebuilds the company's part of the search text of
// every participant of companyIDs but those of except, with the folded
// companies. A participant whose text is missing or malformed gets it
// whole, from the stored profile.
func (t *Tx) reindexCompanies(ctx context.Context, companies map[string]foldedCompany, except, companyIDs []string) error {
	if len(companyIDs) == 0 {
		return nil
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.company_id, s.text FROM participants p
		LEFT JOIN participant_search s ON s.participant_id = p.id
		WHERE p.company_id IN (SELECT value FROM json_each(?2)) AND p.id NOT IN (SELECT value FROM json_each(?1))`,
		codec.JSON(codec.NonNil(except)), codec.JSON(companyIDs))
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	var out []searchEntry
	var full []string
	for rows.Next() {
		var id, company string
		var text sql.NullString
		if err := rows.Scan(&id, &company, &text); err != nil {
			rows.Close()
			return fmt.Errorf("reindex: %w", err)
		}
		f := strings.Split(text.String, "\n")
		if !text.Valid || len(f) != searchFields {
			full = append(full, id)
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
	whole, err := t.storedSearchTexts(ctx, companies, full)
	if err != nil {
		return err
	}
	return t.writeSearchTexts(ctx, append(out, whole...))
}

// storedSearchTexts folds the search texts of the participants ids from
// their stored profiles.
func (t *Tx) storedSearchTexts(ctx context.Context, companies map[string]foldedCompany, ids []string) ([]searchEntry, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT p.id, p.company_id, p.name, p.sort_key, p.job_role, p.themes,
		p.interests, p.intro FROM participants p WHERE p.id IN (SELECT value FROM json_each(?1))`, codec.JSON(ids))
	if err != nil {
		return nil, fmt.Errorf("reindex: %w", err)
	}
	defer rows.Close()
	var ps []searchSource
	for rows.Next() {
		var p searchSource
		var themes string
		if err := rows.Scan(&p.id, &p.company, &p.name, &p.kana, &p.jobRole, &themes, &p.interests, &p.intro); err != nil {
			return nil, fmt.Errorf("reindex: %w", err)
		}
		th, err := codec.FromJSON[[]string](themes, "themes")
		if err != nil {
			return nil, fmt.Errorf("reindex %s: %w", p.id, err)
		}
		p.themes = strings.Join(th, " ")
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reindex: %w", err)
	}
	return searchTexts(ps, companies), nil
}

// writeSearchTexts stores the search texts out.
func (t *Tx) writeSearchTexts(ctx context.Context, out []searchEntry) error {
	t.directoryChanged = true
	return t.execEach(ctx, "search text", `INSERT OR REPLACE INTO participant_search (participant_id, text) VALUES (?, ?)`,
		len(out), func(i int) []any { return []any{out[i].ID, out[i].Text} })
}

// searchFields is the number of fields of a search text: name, reading,
// company, industry, role, themes, interests, introduction.
const searchFields = 8

// searchEntry is one participant's search text.
type searchEntry struct{ ID, Text string }

// searchSource is what a participant's search text is made of; kana is
// already folded (the sort key), themes joined by spaces.
type searchSource struct {
	id, company, name, kana, jobRole, themes, interests, intro string
}

// searchSources is what the search texts of ps are made of, as the
// participants' rows store it, with keys their sort keys.
func searchSources(ps []app.Participant, keys []string) []searchSource {
	out := make([]searchSource, len(ps))
	for i := range ps {
		p := &ps[i]
		out[i] = searchSource{id: p.ID, company: p.CompanyID, name: p.Name, kana: keys[i], jobRole: p.JobRole,
			themes: strings.Join(p.Themes, " "), interests: p.Interests, intro: p.Intro}
	}
	return out
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
	parallel.Ranges(len(ps), func(lo, hi int) {
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
			c := companies[p.company]
			out[i] = searchEntry{p.id, strings.Join([]string{jtext.Fold(p.name), p.kana, c.name, c.industry,
				fold(p.jobRole), fold(p.themes), jtext.Fold(p.interests), jtext.Fold(p.intro)}, "\n")}
		}
	})

	return out
}
