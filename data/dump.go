package data

import (
	"context"
	"fmt"
	"strings"
)

// Dump writes every row of every table as text, tables by name and rows
// in a fixed order, so that two files with the same rows dump the same.
// Tests use it to compare replicas and to check that a refused change
// wrote nothing.
func (s *Store) Dump(ctx context.Context) (string, error) {
	return s.DumpTables(ctx)
}

// DumpSynced dumps the rows a replica holds for the server, without their
// version columns (a replica numbers its own writes): two replicas that
// pulled the same buckets to the same point dump the same.
func (s *Store) DumpSynced(ctx context.Context) (string, error) {
	return s.dump(ctx, true, "companies", "cohorts", "participants", "participant_search", "cohort_members",
		"offers", "talks", "surveys", "programme_surveys", "self_assessments", "bookmarks", "messages", "message_reads",
		"suggestion_dismissals", "introductions")
}

// DumpTables is Dump restricted to the named tables (all when none).
func (s *Store) DumpTables(ctx context.Context, tables ...string) (string, error) {
	return s.dump(ctx, false, tables...)
}

func (s *Store) dump(ctx context.Context, noVersion bool, tables ...string) (string, error) {
	if len(tables) == 0 {
		rows, err := s.r.QueryContext(ctx, `SELECT name FROM sqlite_schema
			WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
		if err != nil {
			return "", fmt.Errorf("dump: %w", err)
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return "", fmt.Errorf("dump: %w", err)
			}
			tables = append(tables, n)
		}
		rows.Close()
	}
	var b strings.Builder
	for _, tbl := range tables {
		fmt.Fprintf(&b, "== %s\n", tbl)
		rows, err := s.r.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(tbl, `"`, `""`)+`" ORDER BY 1, 2`)
		if err != nil {
			return "", fmt.Errorf("dump %s: %w", tbl, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", fmt.Errorf("dump %s: %w", tbl, err)
			}
			for i, v := range vals {
				if noVersion && cols[i] == "version" {
					continue
				}
				if i > 0 {
					b.WriteByte('|')
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v", v)
			}
			b.WriteByte('\n')
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return "", fmt.Errorf("dump %s: %w", tbl, err)
		}
	}
	return b.String(), nil
}
