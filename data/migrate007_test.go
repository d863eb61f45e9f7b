package data

import (
	"context"
	"path/filepath"
	"testing"
)

// Migration 007 gives the stored results of processed mutations a hash of
// the mutation, which those stored before it lack (NULL: they cannot be
// checked), and keeps every result as it was.
func TestMigration007AddsMutationHash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	oldFile(t, path, 6,
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
