package data

import (
	"context"
	"fmt"
	"slices"
	"time"

	"crosstalk/app"
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
			max_pending_sent, max_pending_received, talk_minutes, survey_opens_on, survey_closes_on,
			ref_satisfaction, ref_next_round, ref_recommend, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Cohorts), func(i int) []any {
				c := d.Cohorts[i]
				r := c.Rules
				rs, rn, rr := codec.Reference(c.Reference)
				return []any{c.ID, c.Name, codec.Day(c.StartsOn), codec.Day(c.EndsOn), c.State, r.OfferExpiryDays,
					r.MaxPendingSent, r.MaxPendingReceived, r.TalkMinutes, codec.OptDay(c.SurveyOpensOn),
					codec.OptDay(c.SurveyClosesOn), rs, rn, rr, v}
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
			place, state, reason, replaces, created_at, updated_at, proposal, history, sequence, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Talks), func(i int) []any {
				k := d.Talks[i]
				return []any{k.ID, k.OfferID, k.CohortID, k.AID, k.BID, codec.Millis(k.Start), codec.Millis(k.End), k.Mode,
					k.Place, k.State, k.Reason, k.Replaces, codec.Millis(k.CreatedAt), codec.Millis(k.UpdatedAt),
					codec.Proposal(k.Proposal), codec.History(k.History), k.Sequence, v}
			}},
		{"survey", `INSERT OR REPLACE INTO surveys (talk_id, author_id, satisfaction, recommend, comment,
			created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			len(d.Surveys), func(i int) []any {
				s := d.Surveys[i]
				return []any{s.TalkID, s.AuthorID, s.Satisfaction, s.Recommend, s.Comment, codec.Millis(s.CreatedAt), v}
			}},
		{"programme survey", `INSERT OR REPLACE INTO programme_surveys (cohort_id, author_id, satisfaction,
			next_round, recommend, insight, next_step, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.ProgrammeSurveys), func(i int) []any {
				s := d.ProgrammeSurveys[i]
				return []any{s.CohortID, s.AuthorID, s.Satisfaction, s.NextRound, s.Recommend, s.Insight, s.NextStep,
					codec.Millis(s.CreatedAt), v}
			}},
		{"self-assessment", `INSERT OR REPLACE INTO self_assessments (cohort_id, author_id, phase, answers,
			created_at, version) VALUES (?, ?, ?, ?, ?, ?)`,
			len(d.SelfAssessments), func(i int) []any {
				a := d.SelfAssessments[i]
				return []any{a.CohortID, a.AuthorID, a.Phase, codec.JSON(a.Answers), codec.Millis(a.CreatedAt), v}
			}},
		{"message", `INSERT OR REPLACE INTO messages (id, thread_id, author_id, to_id, seq, text, created_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			len(d.Messages), func(i int) []any {
				m := d.Messages[i]
				return []any{m.ID, m.ThreadID, m.AuthorID, m.ToID, m.Seq, m.Text, codec.Millis(m.CreatedAt), v}
			}},
		{"read mark", `INSERT OR REPLACE INTO message_reads (thread_id, reader_id, other_id, up_to_id, up_to_seq,
			read_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			len(d.MessageReads), func(i int) []any {
				r := d.MessageReads[i]
				return []any{r.ThreadID, r.ReaderID, r.OtherID, r.UpToID, r.UpToSeq, codec.Millis(r.ReadAt), v}
			}},
		{"dismissal", `INSERT OR REPLACE INTO suggestion_dismissals (owner_id, cohort_id, participant_id, created_at, version)
			VALUES (?, ?, ?, ?, ?)`,
			len(d.Dismissals), func(i int) []any {
				x := d.Dismissals[i]
				return []any{x.OwnerID, x.CohortID, x.ParticipantID, codec.Millis(x.CreatedAt), v}
			}},
		{"introduction", `INSERT OR REPLACE INTO introductions (id, cohort_id, a_id, b_id, note, created_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			len(d.Introductions), func(i int) []any {
				x := d.Introductions[i]
				return []any{x.ID, x.CohortID, x.AID, x.BID, x.Note, codec.Millis(x.CreatedAt), v}
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
	ids := make([]string, len(d.Participants))
	for i, p := range d.Participants {
		ids[i] = p.ID
	}
	// An import has no clock of its own: the tombstones of people it
	// unlists are dated by the wall clock, for pruning only.
	if err := t.ListingsChanged(ctx, ids, time.Now()); err != nil {
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
	if err := t.membersJoined(ctx, ms); err != nil {
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
	// A replaced row keeps its listing (migration 009) until
	// ListingsChanged looks at it again; a replica keeps none. The mail
	// account comes with a person's own row only (app.Participant.Mail):
	// a row without one has none.
	listed := `, listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		coalesce((SELECT listed FROM participants WHERE id = ?1), 0))`
	if t.replica {
		listed = `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	}
	if err := t.execEach(ctx, "participant", `INSERT OR REPLACE INTO participants (id, company_id, name, kana, age_band,
		job_role, themes, interests, intro, modes, free_times, free_week, visible, role, sort_key, version,
		email, email_failed_at, email_error, mail_mode, mail_language, mail_weekly`+listed, len(ps), func(i int) []any {
		p := &ps[i]
		m := mailColumns(p.Mail)
		return []any{p.ID, p.CompanyID, p.Name, p.Kana, p.AgeBand, p.JobRole, codec.JSONStrings(p.Themes),
			p.Interests, p.Intro, codec.JSONStrings(p.Modes), p.FreeTimes, codec.JSON(p.FreeWeek), codec.Bool(p.Visible), p.Role, keys[i], v,
			m.email, m.failedAt, m.reason, m.mode, m.language, m.weekly}
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
