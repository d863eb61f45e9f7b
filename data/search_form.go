package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// searchForm is the form of the search texts this build writes, kept in
// meta as search_form. Search texts are made in Go (jtext), not SQL, so a
// migration cannot remake them: raise searchForm whenever what a search
// text holds or how it is folded changes, and opening a file remakes them
// all. Form 1, every file before the key: eight fields, folded. Form 2:
// name and reading without spaces, and a ninth field, the reading's
// romaji from each of its words on (jtext.RomajiWords).
const searchForm = 2

// refoldSearchTexts remakes the search text of every participant of the
// file behind db from the stored profiles, in one transaction, when they
// are of another form than searchForm (older, or a newer app's), and
// records the form. 10,000 participants take about a quarter of a
// second, once.
func refoldSearchTexts(ctx context.Context, db *sql.DB, replica bool) error {
	var form int
	err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'search_form'`).Scan(&form)
	if err == nil && form == searchForm {
		return nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("search form: %w", err)
	}
	stx, err := begin(ctx, db)
	if err != nil {
		return fmt.Errorf("refold search texts: %w", err)
	}
	defer stx.Rollback()
	t := &Tx{tx: stx, replica: replica}
	ids, err := t.participantIDs(ctx)
	if err != nil {
		return err
	}
	companies, err := t.foldedCompanies(ctx)
	if err != nil {
		return err
	}
	texts, err := t.storedSearchTexts(ctx, companies, ids)
	if err != nil {
		return err
	}
	if err := t.writeSearchTexts(ctx, texts); err != nil {
		return err
	}
	if _, err := stx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('search_form', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, searchForm); err != nil {
		return fmt.Errorf("search form: %w", err)
	}
	return stx.Commit()
}

// participantIDs lists the id of every participant in the file.
func (t *Tx) participantIDs(ctx context.Context) ([]string, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id FROM participants`)
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("participants: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
