package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// A person's e-mail address, whether mail to it fails and why, and their
// mail choices travel in their own user bucket only (issue 17): never to
// another participant, whether a colleague, someone of their offers and
// talks, or a stranger; never to HR, their own company's or another's;
// never to the secretariat. (HR's import file gave an address, but the
// person may confirm another of their own: it stays between them and the
// server.)

// withAddresses gives every person of ds an address and a reason of
// failure of their own, each found nowhere else, and every third a
// failing address.
func withAddresses(ds app.Dataset) app.Dataset {
	for i := range ds.Participants {
		ds.Participants[i].Mail = &app.MailAccount{
			Email: fmt.Sprintf("secret-%03d@example.jp", i), Failing: i%3 == 0,
			Reason: fmt.Sprintf("550 5.1.1 reason-%03d", i), Mode: app.MailDigest, Language: "en",
		}
	}
	return ds
}

// rawPull is every answer of a pull from the start, in pages of a few
// rows, with the person's devices asked for too.
func (e *env) rawPull(t *testing.T, token string) [][]byte {
	t.Helper()
	var bodies [][]byte
	var cursors []wire.Cursor
	for range 1000 {
		status, body := e.call(http.MethodPost, wire.PathPull+"?"+wire.PullWith+"="+wire.WithDevices, token,
			wire.PullRequest{Cursors: cursors, Limit: 7})
		wantStatus(t, status, body, 0)
		bodies = append(bodies, body)
		var r wire.PullResponse
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		cursors = cursors[:0]
		for _, b := range r.Buckets {
			cursors = append(cursors, wire.Cursor{Bucket: b.Bucket, Epoch: r.Epoch, Version: b.Cursor})
		}
		if r.Done() {
			return bodies
		}
	}
	t.Fatal("pull did not end in 1000 pages")
	return nil
}

// TestMailAccountOnlyInOwnBucket pulls, over HTTP from the real server,
// everything each kind of viewer may read, and searches the raw answers
// for every person's address and reason of failure: only the viewer's
// own are there, in their own profile, and no other profile carries a
// mail account at all.
func TestMailAccountOnlyInOwnBucket(t *testing.T) {
	ds := withAddresses(dataset())
	e := newEnv(t, ds)
	ctx := context.Background()

	// x1 and y1 have an offer: each is the other's counterpart.
	x1 := e.connect(pid("x1"), e.clock.Now)
	x1.sync()
	_, args := e.sendArgs(pid("y1"))
	if _, err := x1.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	x1.sync()
	if n := e.count(`SELECT count(*) FROM offers WHERE from_id = ? AND to_id = ?`, pid("x1"), pid("y1")); n != 1 {
		t.Fatalf("the offer is not at the server (%d)", n)
	}

	byID := map[string]app.Participant{}
	var employee, ownHR, otherHR, secretariat app.Participant
	for _, p := range ds.Participants {
		byID[p.ID] = p
		if p.Role == app.RoleHR && ownHR.ID == "" {
			ownHR = p
		}
		if p.Role == app.RoleSecretariat && secretariat.ID == "" {
			secretariat = p
		}
	}
	for _, p := range ds.Participants {
		switch {
		case p.Role == app.RoleParticipant && p.CompanyID == ownHR.CompanyID && employee.ID == "":
			employee = p
		case p.Role == app.RoleHR && p.CompanyID != ownHR.CompanyID && otherHR.ID == "":
			otherHR = p
		}
	}
	if employee.ID == "" || ownHR.ID == "" || otherHR.ID == "" || secretariat.ID == "" {
		t.Fatal("the dataset lacks an employee with HR, HR of another company or the secretariat")
	}
	viewers := []struct {
		name string
		p    app.Participant
		sees string // someone whose profile the viewer does receive, so that the search means something
	}{
		{"the sender of an offer", byID[pid("x1")], pid("y1")},
		{"its recipient", byID[pid("y1")], pid("x1")},
		{"a colleague of the sender", byID[pid("x2")], pid("y1")},
		{"an employee", employee, pid("x1")},
		{"the employee's own HR", ownHR, employee.ID},
		{"HR of another company", otherHR, ""},
		{"the secretariat", secretariat, pid("x1")},
	}
	for _, v := range viewers {
		t.Run(v.name, func(t *testing.T) {
			token := e.login(v.p.ID).Token
			bodies := e.rawPull(t, token)
			all := bytes.Join(bodies, []byte("\n"))
			for _, q := range ds.Participants {
				own := q.ID == v.p.ID
				for _, secret := range []string{q.Mail.Email, q.Mail.Reason} {
					if got := bytes.Contains(all, []byte(secret)); got != own {
						t.Errorf("%s's %q in %s's pull: %v", q.Name, secret, v.p.Name, got)
					}
				}
			}
			seen, mine := false, 0
			for _, body := range bodies {
				var r wire.PullResponse
				if err := json.Unmarshal(body, &r); err != nil {
					t.Fatal(err)
				}
				for _, b := range r.Buckets {
					for _, row := range b.Rows {
						if row.Table != "participants" {
							continue
						}
						var p app.Participant
						if err := json.Unmarshal(row.Data, &p); err != nil {
							t.Fatal(err)
						}
						seen = seen || p.ID == v.sees
						switch {
						case p.Mail != nil && p.ID != v.p.ID:
							t.Errorf("%s's mail account in %s of %s's pull", p.Name, b.Bucket, v.p.Name)
						case p.ID == v.p.ID && p.Mail != nil:
							mine++
							want := *byID[p.ID].Mail
							if *p.Mail != want {
								t.Errorf("own mail account %+v, want %+v", *p.Mail, want)
							}
							if b.Bucket != "user:"+v.p.ID {
								t.Errorf("own mail account in bucket %s", b.Bucket)
							}
						}
					}
				}
			}
			if v.sees != "" && !seen {
				t.Errorf("%s's pull has no profile of %s: the search proves nothing", v.p.Name, byID[v.sees].Name)
			}
			if mine == 0 {
				t.Errorf("%s's own mail account is not in their pull", v.p.Name)
			}
		})
	}
}

// TestMailSettingsReachOtherDevice: a person's choice, made on a device
// that is offline, shows there at once, waits in its outbox, and reaches
// their other device once it is online; HR's own choice with a weekly
// summary too. A participant's weekly summary is refused by the device
// itself, and nothing is queued.
func TestMailSettingsReachOtherDevice(t *testing.T) {
	e := newEnv(t, withAddresses(dataset()))
	ctx := context.Background()
	a, b := e.connect(pid("x1"), e.clock.Now), e.connect(pid("x1"), e.clock.Now)
	a.sync()
	b.sync()
	if m, ok, err := b.r.MyMail(ctx); err != nil || !ok || m.Mode != app.MailDigest || m.Email == "" {
		t.Fatalf("before: %+v %v %v", m, ok, err)
	}

	a.net.set(func(*http.Request) fault { return dropRequest }) // offline: the change waits
	choice := app.MailSettings{Mode: app.MailNone, Language: "ja"}
	if _, err := a.c.Mutate(ctx, app.MailSet, app.Args(choice)); err != nil {
		t.Fatal(err)
	}
	if m, _, err := a.r.MyMail(ctx); err != nil || m.Settings() != choice {
		t.Fatalf("the device's own view: %+v %v", m, err)
	}
	if err := a.c.SyncNow(ctx); err == nil {
		t.Fatal("an offline device synced")
	}
	if got := e.count(`SELECT count(*) FROM participants WHERE id = ? AND mail_mode = 'none'`, pid("x1")); got != 0 {
		t.Fatal("the server has a change still offline")
	}
	a.net.set(nil)
	a.sync()
	b.sync()
	if m, _, err := b.r.MyMail(ctx); err != nil || m.Settings() != choice || m.Email == "" {
		t.Fatalf("the other device: %+v %v", m, err)
	}
	if _, err := a.c.Mutate(ctx, app.MailSet, app.Args(app.MailSettings{Mode: app.MailSingle, Language: "ja", Weekly: true})); app.CodeOf(err) != app.CodeNotAllowed {
		t.Fatalf("a participant's weekly summary: %v", err)
	}

	var hr app.Participant
	for _, p := range e.ds.Participants {
		if p.Role == app.RoleHR {
			hr = p
			break
		}
	}
	h1, h2 := e.connect(hr.ID, e.clock.Now), e.connect(hr.ID, e.clock.Now)
	h1.sync()
	weekly := app.MailSettings{Mode: app.MailSingle, Language: "en", Weekly: true}
	if _, err := h1.c.Mutate(ctx, app.MailSet, app.Args(weekly)); err != nil {
		t.Fatal(err)
	}
	h1.sync()
	h2.sync()
	if m, _, err := h2.r.MyMail(ctx); err != nil || m.Settings() != weekly {
		t.Fatalf("HR's other device: %+v %v", m, err)
	}
	if got := e.count(`SELECT count(*) FROM participants WHERE id = ? AND mail_weekly = 1`, hr.ID); got != 1 {
		t.Fatal("HR's weekly summary is not at the server")
	}
}
