package replica

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// A replica applies mutations optimistically, before the server has run
// them. Each row such a mutation writes is first copied, as it was, into
// the undo log; before a pulled page is applied, the log is replayed
// backwards, so that the server's rows land on the server's state, and
// the mutations still pending are applied again on top.

// undoKeys names the key columns of every table a mutator writes.
var undoKeys = map[string][]string{
	"offers":                {"id"},
	"talks":                 {"id"},
	"surveys":               {"talk_id", "author_id"},
	"programme_surveys":     {"cohort_id", "author_id"},
	"self_assessments":      {"cohort_id", "author_id", "phase"},
	"participants":          {"id"},
	"bookmarks":             {"owner_id", "target_id"},
	"messages":              {"id"},
	"message_reads":         {"thread_id", "reader_id"},
	"suggestion_dismissals": {"owner_id", "cohort_id", "participant_id"},
}

func keyWhere(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + " = ?"
	}
	return strings.Join(parts, " AND ")
}

// remember copies the row of tbl with the given key into the undo log. It
// is the BeforeWrite function of an optimistic mutation.
func (t *writeTx) remember(ctx context.Context, tbl string, key ...any) error {
	cols, ok := undoKeys[tbl]
	if !ok || len(cols) != len(key) {
		return fmt.Errorf("remember %s: unknown table or key", tbl)
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT * FROM `+tbl+` WHERE `+keyWhere(cols), key...)
	if err != nil {
		return fmt.Errorf("remember %s: %w", tbl, err)
	}
	var row any // JSON null when there was no row
	if rows.Next() {
		names, _ := rows.Columns()
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return fmt.Errorf("remember %s: %w", tbl, err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		row = vals
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("remember %s: %w", tbl, err)
	}
	rowJSON, _ := json.Marshal(row)
	keyJSON, _ := json.Marshal(key)
	var stored any
	if row != nil {
		stored = string(rowJSON)
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO undo_log (tbl, pk, row) VALUES (?, ?, ?)`, tbl, string(keyJSON), stored); err != nil {
		return fmt.Errorf("remember %s: %w", tbl, err)
	}
	return nil
}

// undoOptimistic puts back every row the optimistic mutations wrote, newest
// first, and empties the undo log.
func (t *writeTx) undoOptimistic(ctx context.Context) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT tbl, pk, row FROM undo_log ORDER BY seq DESC`)
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	type entry struct {
		tbl, pk string
		row     sql.NullString
	}
	var entries []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.tbl, &e.pk, &e.row); err != nil {
			rows.Close()
			return fmt.Errorf("undo: %w", err)
		}
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	var people []string
	for _, e := range entries {
		cols, ok := undoKeys[e.tbl]
		if !ok {
			return fmt.Errorf("undo: unknown table %q", e.tbl)
		}
		key, err := decodeValues(e.pk)
		if err != nil {
			return fmt.Errorf("undo %s: %w", e.tbl, err)
		}
		if _, err := t.tx.ExecContext(ctx, `DELETE FROM `+e.tbl+` WHERE `+keyWhere(cols), key...); err != nil {
			return fmt.Errorf("undo %s: %w", e.tbl, err)
		}
		if e.row.Valid {
			vals, err := decodeValues(e.row.String)
			if err != nil {
				return fmt.Errorf("undo %s: %w", e.tbl, err)
			}
			marks := strings.Repeat(", ?", len(vals))[2:]
			if _, err := t.tx.ExecContext(ctx, `INSERT INTO `+e.tbl+` VALUES (`+marks+`)`, vals...); err != nil {
				return fmt.Errorf("undo %s: %w", e.tbl, err)
			}
		}
		if e.tbl == "participants" {
			people = append(people, fmt.Sprint(key[0]))
		}
	}
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM undo_log`); err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	if len(people) > 0 {
		return t.Reindex(ctx, people, nil)
	}
	return nil
}

// decodeValues reads a JSON array of column values back into int64,
// string and nil values.
func decodeValues(s string) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var vals []any
	if err := dec.Decode(&vals); err != nil {
		return nil, err
	}
	for i, v := range vals {
		if n, ok := v.(json.Number); ok {
			if x, err := n.Int64(); err == nil {
				vals[i] = x
			} else if f, err := n.Float64(); err == nil {
				vals[i] = f
			}
		}
	}
	return vals, nil
}
