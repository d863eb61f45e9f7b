package data

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The migration NNN_mutation_hash.sql gives the stored
// results of processed mutations a hash of the mutation, which those
// stored before it lack (NULL: they cannot be checked), and keeps every
// result as it was.
func TestMigrationAddsMutationHash(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	n := slices.IndexFunc(ms, func(m migration) bool { return strings.HasSuffix(m.name, "_mutation_hash.sql") })
	if n < 0 {
		t.Fatal("no migration NNN_mutation_hash.sql")
	}
	path := filepath.Join(t.TempDir(), "before.db")
	oldFile(t, path, n,
		`INSERT INTO mutation_results (device_id, mutation_id, code, processed_at) VALUES ('d', 1, '', 10), ('d', 2, 'same_company', 20)`,
	)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dump, err := st.DumpTables(ctx, "mutation_results")
	if err != nil {
		t.Fatal(err)
	}
	if want := "== mutation_results\nd|1||10|<nil>\nd|2|same_company|20|<nil>\n"; dump != want {
		t.Errorf("results after the migration:\n%s\nwant\n%s", dump, want)
	}
	if _, err := st.w.Exec(`INSERT INTO mutation_results (device_id, mutation_id, code, processed_at, args_hash)
		VALUES ('d', 3, '', 30, x'00ff')`); err != nil {
		t.Fatal(err)
	}
}
