package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"crosstalk/app"
	"crosstalk/data/serverstore"
)

// -make-secretariat gives an empty database its first secretariat
// account, in a company it creates, and an invite code for it.
func TestMakeSecretariat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	cfg, err := parseFlags([]string{"-db", db, "-make-secretariat", "山田 花子", "-kana", "やまだ はなこ"},
		func(string) string { return "" })
	if err != nil || cfg.company != "事務局" || cfg.kana != "やまだ はなこ" {
		t.Fatalf("config %+v, %v", cfg, err)
	}
	if err := run(context.Background(), cfg, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	st, err := serverstore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.Companies(context.Background())
	if err != nil || len(cs) != 1 || cs[0].Name != "事務局" {
		t.Fatalf("companies %+v, %v", cs, err)
	}
	invs, err := st.Invitations(context.Background(), cs[0].ID)
	if err != nil || len(invs) != 1 || invs[0].Name != "山田 花子" || invs[0].ExpiresAt == nil {
		t.Fatalf("invitations %+v, %v", invs, err)
	}
	acc, err := st.Accounts(context.Background(), []string{invs[0].ParticipantID})
	if err != nil || acc[invs[0].ParticipantID].Role != app.RoleSecretariat {
		t.Fatalf("account %+v, %v", acc, err)
	}
	if _, err := parseFlags([]string{"-make-secretariat", "x", "-invite", "p"}, func(string) string { return "" }); err == nil {
		t.Fatal("-make-secretariat with -invite: no error")
	}
}
