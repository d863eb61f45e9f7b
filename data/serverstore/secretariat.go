package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// CreateSecretariat makes a secretariat account, hidden and in no cohort,
// in the company named companyName, which it creates when no company has
// that name: how a new deployment gets its first secretariat user (the
// server's -make-secretariat). It returns the person's and the company's
// ids.
func (s *Store) CreateSecretariat(ctx context.Context, companyName, name, kana string, newID func() string) (participantID, companyID string, err error) {
	if err := ValidateCompany(app.Company{Name: companyName}); err != nil {
		return "", "", err
	}
	if err := checkField(name, 1, app.MaxNameRunes); err != nil {
		return "", "", entryErr(0, "name", err)
	}
	if err := checkField(kana, 1, app.MaxNameRunes); err != nil {
		return "", "", entryErr(0, "kana", err)
	}
	err = s.write(ctx, func(tx *writeTx) error {
		err := tx.tx.QueryRowContext(ctx, `SELECT id FROM companies WHERE name = ? ORDER BY id LIMIT 1`, companyName).Scan(&companyID)
		if errors.Is(err, sql.ErrNoRows) {
			companyID = newID()
			_, err = tx.Exec(ctx, `INSERT INTO companies (id, name, industry, version) VALUES (?, ?, '', :v)`, companyID, companyName)
		}
		if err != nil {
			return fmt.Errorf("create secretariat: company: %w", err)
		}
		participantID = newID()
		if _, err := tx.Exec(ctx, `INSERT INTO participants (id, company_id, name, kana, age_band, role, visible,
			sort_key, version) VALUES (?, ?, ?, ?, '', 'secretariat', 0, ?, :v)`,
			participantID, companyID, name, kana, codec.SortKey(kana)); err != nil {
			return fmt.Errorf("create secretariat: %w", err)
		}
		return tx.Reindex(ctx, []string{participantID}, nil)
	})
	if err != nil {
		return "", "", err
	}
	return participantID, companyID, nil
}
