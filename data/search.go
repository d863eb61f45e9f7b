package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/codec"
	"crosstalk/data/internal/parallel"
)

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

// searchFields is the number of fields of a search text: name and
// reading without spaces (so that 石井陽子 and いしいようこ find 石井 陽子,
// as 石井 陽子 does, every term found), company, industry, role, themes,
// interests, introduction, and the reading's romaji from each of its
// words on (jtext.RomajiWords), last.
const searchFields = 9

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
			out[i] = searchEntry{p.id, strings.Join([]string{spaceless(jtext.Fold(p.name)), spaceless(p.kana),
				c.name, c.industry, fold(p.jobRole), fold(p.themes), jtext.Fold(p.interests), jtext.Fold(p.intro),
				jtext.RomajiWords(p.kana)}, "\n")}
		}
	})
	return out
}

// spaceless is folded text s without its spaces.
func spaceless(s string) string { return strings.ReplaceAll(s, " ", "") }
