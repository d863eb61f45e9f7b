package serverstore_test

import (
	"context"
	"encoding/json"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// replacedNotices composes the events kept so far and returns the old
// addresses of the notices among them, by person.
func replacedNotices(t *testing.T, st *serverstore.Store, rec *recorder) map[string][]string {
	t.Helper()
	if _, err := st.ComposeMail(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := map[string][]string{}
	for _, ev := range rec.events {
		if ev.Kind != serverstore.KindEmailReplaced {
			continue
		}
		var d serverstore.AddressReplaced
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			t.Fatal(err)
		}
		out[ev.To] = append(out[ev.To], d.Old)
	}
	rec.events = nil
	return out
}

// An address HR's list gave may be changed by the next list, and the old
// one of a person who has joined is told (if it has not failed); an
// address the person confirmed themselves is theirs: no import
// overwrites it, and the result says it was kept.
func TestImportRosterKeepsOwnAddress(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	rec := &recorder{}
	st.SetMailer(rec)
	es := roster()
	es[0].Email, es[1].Email, es[2].Email = "aoki@list.example.co.jp", "ishii@list.example.co.jp", "ueda@list.example.co.jp"
	if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Added: 3}) {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	aoki := byEmployeeNo(t, st, "A-001").ParticipantID
	ishii := byEmployeeNo(t, st, "A-002").ParticipantID
	ueda := byEmployeeNo(t, st, "A-003").ParticipantID
	if got := replacedNotices(t, st, rec); len(got) != 0 {
		t.Fatalf("notices of new people: %v", got)
	}

	// Aoki and Ueda have joined; Ueda's address has failed; Ishii has not
	// joined. Only Aoki's old address is told.
	fixture.Joined(t, st, aoki, ueda)
	execSQL(t, st, `UPDATE participants SET email_failed_at = 1, email_error = '550' WHERE id = ?`, ueda)
	es[0].Email, es[1].Email, es[2].Email = "hr-spy@list.example.co.jp", "ishii2@list.example.co.jp", "ueda2@list.example.co.jp"
	if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Updated: 3}) {
		t.Fatalf("new addresses: %+v, %v", res, err)
	}
	if a, i := emailOf(t, st, aoki), emailOf(t, st, ishii); a != "hr-spy@list.example.co.jp" || i != "ishii2@list.example.co.jp" {
		t.Fatalf("addresses from the list were not changed by the list: %q, %q", a, i)
	}
	got := replacedNotices(t, st, rec)
	if len(got) != 1 || len(got[aoki]) != 1 || got[aoki][0] != "aoki@list.example.co.jp" {
		t.Fatalf("notices %v, want one to Aoki's old address", got)
	}
	// A change of case alone tells no one.
	es[0].Email = "HR-Spy@list.example.co.jp"
	if _, err := importRoster(t, st, es); err != nil {
		t.Fatal(err)
	}
	if got := replacedNotices(t, st, rec); len(got) != 0 {
		t.Fatalf("notices of a change of case: %v", got)
	}

	// Aoki confirms an address of his own with the code mailed to it.
	hash := func(string) []byte { return []byte("code-hash") }
	if err := st.StartEmailConfirmation(ctx, aoki, "aoki.own@example.jp", hash(""), fixture.Now,
		func(r serverstore.EmailRecipient) (serverstore.OutgoingMail, error) {
			return serverstore.OutgoingMail{ParticipantID: r.ParticipantID, Address: r.Address,
				MessageID: fixture.NewID() + "@example.jp", Message: []byte("Subject: code\r\n\r\n123456")}, nil
		}); err != nil {
		t.Fatal(err)
	}
	if a, err := st.ConfirmEmail(ctx, aoki, hash, fixture.Now); err != nil || a != "aoki.own@example.jp" {
		t.Fatalf("confirm: %q, %v", a, err)
	}

	// HR's routine re-import of the original file, and one with yet
	// another address, change nothing: the person counts as unchanged,
	// and the result says whose address was kept.
	es[0].Email, es[1].Email, es[2].Email = "aoki@list.example.co.jp", "ishii2@list.example.co.jp", "ueda2@list.example.co.jp"
	for _, addr := range []string{"aoki@list.example.co.jp", "hr-spy2@list.example.co.jp"} {
		es[0].Email = addr
		before := fixture.Snapshot(t, st)
		res, err := importRoster(t, st, es)
		if err != nil || res != (app.ImportResult{Unchanged: 3, OwnEmailKept: 1}) {
			t.Fatalf("import of %s: %+v, %v", addr, res, err)
		}
		if e := emailOf(t, st, aoki); e != "aoki.own@example.jp" {
			t.Fatalf("the import of %s overwrote the person's own address: %q", addr, e)
		}
		if fixture.Snapshot(t, st) != before {
			t.Fatalf("the import of %s wrote something", addr)
		}
	}
	// Other changes of the entry are still written, the address kept.
	es[0].JobRole = "事業部長"
	if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Updated: 1, Unchanged: 2, OwnEmailKept: 1}) {
		t.Fatalf("a new job role: %+v, %v", res, err)
	}
	if p := participantOf(t, st, aoki); p.JobRole != "事業部長" || emailOf(t, st, aoki) != "aoki.own@example.jp" {
		t.Fatalf("after a new job role: %q, %q", p.JobRole, emailOf(t, st, aoki))
	}
	// The person's own address, as the file writes it, or in another
	// case, is no news.
	for _, addr := range []string{"aoki.own@example.jp", "Aoki.Own@example.jp", ""} {
		es[0].Email = addr
		if res, err := importRoster(t, st, es); err != nil || res != (app.ImportResult{Unchanged: 3}) {
			t.Fatalf("import of %q: %+v, %v", addr, res, err)
		}
	}
	if got := replacedNotices(t, st, rec); len(got) != 0 {
		t.Fatalf("notices after the person's own address: %v", got)
	}
}
