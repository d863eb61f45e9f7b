package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// TestImportCannotRedirectOwnAddress tries, over HTTP, what an attacker
// review found: HR re-imports an employee's row with an address of HR's
// own, to read the mails of the employee's offers. An address from HR's
// list may be changed by the next list, but the old address is told so
// at once; an address the employee confirmed with the code is theirs:
// neither another address nor HR's routine re-import of the original
// file changes it, the import says it kept it, and the offer that a
// participant of another company sends goes, with its message, to the
// employee's own address only. No mail ever reaches HR's address.
func TestImportCannotRedirectOwnAddress(t *testing.T) {
	e := newMailEnv(t)
	c, err := mail.NewComposer(mail.ComposerConfig{From: mail.Sender{Name: "CrossTalk", Address: "noreply@crosstalk.example.jp"},
		PublicURL: "https://crosstalk.example.jp"})
	if err != nil {
		t.Fatal(err)
	}
	e.st.SetMailer(c)
	ctx := context.Background()
	compose := func() {
		t.Helper()
		if _, err := e.st.ComposeMail(ctx); err != nil { // as the store's renderer does
			t.Fatal(err)
		}
	}
	hr := e.login(apid("hp")).Token
	row := app.RosterEntry{EmployeeNo: "P-901", Name: "新人 九", Kana: "シンジン キュウ", AgeBand: "55-59",
		Cohorts: []string{adminCohort}, Email: "p901@p.example.jp"}
	importRow := func(address string) app.ImportResult {
		t.Helper()
		r := row
		r.Email = address
		var res app.ImportResult
		e.admin(hr, wire.PathAdminImport, wire.ImportRequest{CompanyID: adminCompany("P"), Entries: []app.RosterEntry{r}}, &res)
		return res
	}
	if res := importRow(row.Email); res != (app.ImportResult{Added: 1}) {
		t.Fatalf("first import: %+v", res)
	}
	var id string
	if err := e.st.DB().QueryRow(`SELECT id FROM participants WHERE employee_no = 'P-901'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	// The employee signs in and shows their profile.
	emp := e.login(id).Token
	if r := e.push(emp, wire.Mutation{ID: 1, Name: app.ProfileUpdate, Args: app.Args(app.UpdateProfileArgs{
		Name: row.Name, Kana: row.Kana, AgeBand: row.AgeBand, Themes: []string{}, Modes: app.Modes, Visible: true})}); len(r.Results) != 1 || r.Results[0].Code != "" {
		t.Fatalf("the employee's profile: %+v", r)
	}

	// An address from the list: the next list changes it, and the old
	// address is told, without the new one.
	if res := importRow("hr-spy@p.example.jp"); res != (app.ImportResult{Updated: 1}) {
		t.Fatalf("HR's new address: %+v", res)
	}
	compose()
	if n := e.deliver(); n != 1 {
		t.Fatalf("%d mails after HR's new address, want the notice", n)
	}
	notice := e.sink.WaitFor(1, 5*time.Second)[0]
	if notice.Rcpt[0] != "p901@p.example.jp" || !strings.Contains(notice.Text, "会社の名簿") ||
		strings.Contains(notice.Text+notice.HTML, "hr-spy") {
		t.Fatalf("the notice to %v:\n%s", notice.Rcpt, notice.Text)
	}

	// The employee confirms an address of their own with the code.
	if status, body := e.start(emp, "own.p901@example.jp"); status != http.StatusOK {
		t.Fatalf("start: %d %s", status, body)
	}
	if status, body := e.confirm(emp, e.codeFor("own.p901@example.jp")); status != http.StatusOK {
		t.Fatalf("confirm: %d %s", status, body)
	}
	// HR's address again, and HR's original file again: both kept it.
	for _, address := range []string{"hr-spy@p.example.jp", row.Email} {
		if res := importRow(address); res != (app.ImportResult{Unchanged: 1, OwnEmailKept: 1}) {
			t.Fatalf("import of %s: %+v", address, res)
		}
		if a, _, _ := e.emailOf(id); a != "own.p901@example.jp" {
			t.Fatalf("the import of %s changed the employee's own address to %q", address, a)
		}
	}
	compose()
	if n := e.deliver(); n != 0 {
		t.Fatalf("%d mails after imports that changed nothing", n)
	}
	if got := e.ownMail(emp, id); got == nil || got.Email != "own.p901@example.jp" {
		t.Fatalf("the employee's devices pull %+v", got)
	}

	// A participant of company Q sends the employee an offer: its mail,
	// with its message, goes to the employee's own address.
	q1 := e.login(apid("q1")).Token
	m, _ := e.sendOffer(1, id)
	if r := e.push(q1, m); len(r.Results) != 1 || r.Results[0].Code != "" {
		t.Fatalf("q1's offer: %+v", r)
	}
	compose()
	if n := e.deliver(); n != 1 {
		t.Fatalf("%d mails of the offer, want 1", n)
	}
	all := e.sink.WaitFor(3, 5*time.Second)
	offer := all[2]
	if offer.Rcpt[0] != "own.p901@example.jp" || !strings.Contains(offer.Text, "はじめまして。お話を伺えますと幸いです。") {
		t.Fatalf("the offer's mail to %v:\n%s", offer.Rcpt, offer.Text)
	}
	for _, got := range e.sink.Messages() {
		if strings.Contains(strings.Join(got.Rcpt, ","), "hr-spy") {
			t.Fatalf("a mail %q went to HR's address", got.Subject)
		}
	}
}
