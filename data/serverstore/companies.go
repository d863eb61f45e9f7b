package serverstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// ValidateCompany checks a company's name and industry.
func ValidateCompany(c app.Company) error {
	if err := checkField(c.Name, 1, maxAdminNameRunes); err != nil {
		return entryErr(0, "company name", err)
	}
	if err := checkField(c.Industry, 0, maxAdminNameRunes); err != nil {
		return entryErr(0, "industry", err)
	}
	return nil
}

// Companies lists every company, by name.
func (s *Store) Companies(ctx context.Context) ([]app.Company, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, industry FROM companies ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("companies: %w", err)
	}
	defer rows.Close()
	out := []app.Company{}
	for rows.Next() {
		var c app.Company
		if err := rows.Scan(&c.ID, &c.Name, &c.Industry); err != nil {
			return nil, fmt.Errorf("companies: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCompany creates the company (create) or updates its name and
// industry, and refreshes the search text of its people, which holds
// them. An update of a company that does not exist is refused with
// CodeNotFound, a creation with an id in use with CodeDuplicateID.
func (s *Store) SaveCompany(ctx context.Context, c app.Company, create bool) error {
	if err := ValidateCompany(c); err != nil {
		return err
	}
	return s.write(ctx, func(tx *writeTx) error {
		if create {
			res, err := tx.Exec(ctx, `INSERT INTO companies (id, name, industry, version) VALUES (?, ?, ?, :v)
				ON CONFLICT (id) DO NOTHING`, c.ID, c.Name, c.Industry)
			if n, err := codec.RowsAffected(res, err); err != nil {
				return fmt.Errorf("create company: %w", err)
			} else if n == 0 {
				return app.Reject(app.CodeDuplicateID, "company id in use")
			}
			return nil
		}
		var old app.Company
		if err := tx.tx.QueryRowContext(ctx, `SELECT id, name, industry FROM companies WHERE id = ?`, c.ID).
			Scan(&old.ID, &old.Name, &old.Industry); err != nil {
			return rejectNotFound(err, "company")
		}
		if old == c {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE companies SET name = ?, industry = ?, version = :v WHERE id = ?`,
			c.Name, c.Industry, c.ID); err != nil {
			return fmt.Errorf("update company: %w", err)
		}
		return tx.Reindex(ctx, nil, []string{c.ID})
	})
}

// rejectNotFound turns a missing row into an *app.Rejection of
// CodeNotFound.
func rejectNotFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) || errors.Is(err, app.ErrNotFound) {
		return app.Reject(app.CodeNotFound, "no such %s", what)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
