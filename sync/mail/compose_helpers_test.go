package mail

import (
	"context"
	"net/smtp"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/mail/mailsink"
)

// now is the clock of the composer's tests: Wednesday 25 November 2026,
// 10:00 in Tokyo.
var now = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

// at is a day after now at hour, in Tokyo.
func at(days, hour int) time.Time {
	d := now.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, app.Tokyo)
}

func tid(kind, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("mail-test/"+kind+"/"+name)).String()
}

func pid(name string) string { return tid("participant", name) }

var cohortID = tid("cohort", "open")

// A person of the tests' world and their mail choices.
type testPerson struct {
	name, fullName, company string
	role                    app.Role
	email, mode, language   string
	failing, weekly         bool
}

// people: companies A (five participants and HR), B, C, D and the
// secretariat's. b2 reads English; c1 chose the daily digest, c2 no mail;
// d1's address fails, d2 has none; hb is HR of B (two participants).
var people = []testPerson{
	{name: "a1", fullName: "山田 太郎", company: "A", email: "a1@example.jp"},
	{name: "a2", fullName: "佐藤 花子", company: "A", email: "a2@example.jp"},
	{name: "a3", fullName: "木村 一", company: "A", email: "a3@example.jp"},
	{name: "a4", fullName: "林 二郎", company: "A", email: "a4@example.jp"},
	{name: "a5", fullName: "森 三郎", company: "A", email: "a5@example.jp"},
	{name: "b1", fullName: "鈴木 一郎", company: "B", email: "b1@example.jp"},
	{name: "b2", fullName: "Alex Brown", company: "B", email: "b2@example.jp", language: "en"},
	{name: "c1", fullName: "伊藤 誠", company: "C", email: "c1@example.jp", mode: "digest"},
	{name: "c2", fullName: "渡辺 直子", company: "C", email: "c2@example.jp", mode: "none"},
	{name: "d1", fullName: "中村 修", company: "D", email: "d1@example.jp", failing: true},
	{name: "d2", fullName: "小林 由美", company: "D"},
	{name: "ha", fullName: "吉田 恵", company: "A", role: app.RoleHR, email: "ha@example.jp", weekly: true},
	{name: "hb", fullName: "井上 聡", company: "B", role: app.RoleHR, email: "hb@example.jp", weekly: true},
	{name: "s1", fullName: "事務局 太郎", company: "S", role: app.RoleSecretariat, email: "s1@example.jp", weekly: true, language: "en"},
}

var companyNames = map[string]string{"A": "株式会社A<&>商事", "B": "B銀行", "C": "C通信", "D": "D小売", "S": "事務局"}

// world is a server's store of people, with a device each, and the
// composer as its Mailer.
type world struct {
	t      *testing.T
	st     *serverstore.Store
	c      *Composer
	sink   *mailsink.Sink
	devs   map[string]string // device id by person
	ids    map[string]int64  // last mutation id by person
	sentTo map[string]int    // outbox rows delivered
}

const publicURL = "https://crosstalk.example.jp/app"

var from = Sender{Name: "CrossTalk", Address: "noreply@crosstalk.example.jp"}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := serverstore.Open(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var ds app.Dataset
	for _, c := range []string{"A", "B", "C", "D", "S"} {
		ds.Companies = append(ds.Companies, app.Company{ID: tid("company", c), Name: companyNames[c], Industry: "製造"})
	}
	ds.Cohorts = []app.Cohort{{ID: cohortID, Name: "2026年度 第2期", StartsOn: app.Date(2026, 11, 1),
		EndsOn: app.Date(2027, 2, 28), State: app.CohortOpen, Rules: app.DefaultRules}}
	for _, p := range people {
		role := p.role
		if role == "" {
			role = app.RoleParticipant
		}
		ds.Participants = append(ds.Participants, app.Participant{
			ID: pid(p.name), CompanyID: tid("company", p.company), Name: p.fullName, Kana: "テスト", AgeBand: "55-59",
			JobRole: "部長", Themes: []string{"学び直し"}, Intro: "よろしくお願いします。", Modes: app.Modes,
			Visible: true, Role: role, Cohorts: []string{cohortID},
		})
	}
	if err := st.Import(ctx, ds); err != nil {
		t.Fatal(err)
	}
	err = st.Write(ctx, func(tx *data.Tx) error {
		for _, p := range people {
			mode, language, failed, weekly := "single", "ja", int64(0), 0
			if p.mode != "" {
				mode = p.mode
			}
			if p.language != "" {
				language = p.language
			}
			if p.failing {
				failed = now.UnixMilli()
			}
			if p.weekly {
				weekly = 1
			}
			if _, err := tx.SQL().ExecContext(ctx, `UPDATE participants SET email = ?, mail_mode = ?, mail_language = ?,
				email_failed_at = ?, mail_weekly = ? WHERE id = ?`, p.email, mode, language, failed, weekly, pid(p.name)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, st: st, devs: map[string]string{}, ids: map[string]int64{}, sentTo: map[string]int{}}
	for _, p := range people {
		code := "code-" + p.name
		if err := st.CreateInvite(ctx, code, pid(p.name), now, now.AddDate(0, 0, 7)); err != nil {
			t.Fatal(err)
		}
		d, err := st.Redeem(ctx, code, uuid.NewString(), "token-"+uuid.NewString(), p.name, now)
		if err != nil {
			t.Fatal(err)
		}
		w.devs[p.name] = d.ID
	}
	if w.c, err = NewComposer(ComposerConfig{From: from, PublicURL: publicURL}); err != nil {
		t.Fatal(err)
	}
	st.SetMailer(w.c)
	w.sink = mailsink.Start(t)
	return w
}

// do pushes mutation name of who at clock and returns its rejection code
// ("" when applied).
func (w *world) do(who, name string, args any, clock time.Time) app.Code {
	w.t.Helper()
	w.ids[who]++
	out, err := w.st.Process(context.Background(), w.devs[who], w.ids[who], name, app.Args(args), clock)
	if err != nil {
		w.t.Fatalf("%s %s: %v", who, name, err)
	}
	return out.Code
}

// must pushes a mutation that must apply.
func (w *world) must(who, name string, args any, clock time.Time) {
	w.t.Helper()
	if code := w.do(who, name, args, clock); code != "" {
		w.t.Fatalf("%s %s: rejected %s", who, name, code)
	}
}

// compose composes the mail events kept so far, as the store's renderer
// does in the background.
func (w *world) compose() {
	w.t.Helper()
	if _, err := w.st.ComposeMail(context.Background()); err != nil {
		w.t.Fatal(err)
	}
}

// queued counts the outbox's rows.
func (w *world) queued() int {
	w.t.Helper()
	w.compose()
	var n int
	if err := w.st.DB().QueryRow(`SELECT count(*) FROM mail_outbox`).Scan(&n); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// deliver sends every queued row to the sink, as the sender would (a
// stand-in for it: the real one is another part of the server), marks
// them sent, and returns the mails the sink received from them, oldest
// first.
func (w *world) deliver() []mailsink.Mail {
	w.t.Helper()
	w.compose()
	before := len(w.sink.Messages())
	rows, err := w.st.DB().Query(`SELECT id, address, message FROM mail_outbox WHERE state = 'queued' ORDER BY id`)
	if err != nil {
		w.t.Fatal(err)
	}
	type row struct {
		id      int64
		address string
		message []byte
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.address, &r.message); err != nil {
			w.t.Fatal(err)
		}
		rs = append(rs, r)
	}
	rows.Close()
	for _, r := range rs {
		if err := smtp.SendMail(w.sink.Addr, nil, from.Address, []string{r.address}, r.message); err != nil {
			w.t.Fatal(err)
		}
		err := w.st.Write(context.Background(), func(tx *data.Tx) error {
			_, err := tx.SQL().Exec(`UPDATE mail_outbox SET state = 'sent' WHERE id = ?`, r.id)
			return err
		})
		if err != nil {
			w.t.Fatal(err)
		}
	}
	all := w.sink.WaitFor(before+len(rs), 10*time.Second)[before:]
	for i := range all {
		all[i].Text = strings.ReplaceAll(all[i].Text, "\r\n", "\n")
	}
	return all
}

// one expects exactly one mail, to who, among ms, and returns it.
func one(t *testing.T, ms []mailsink.Mail, who string) mailsink.Mail {
	t.Helper()
	if len(ms) != 1 {
		var to []string
		for _, m := range ms {
			to = append(to, strings.Join(m.Rcpt, ","))
		}
		t.Fatalf("%d mails (to %v), want one to %s", len(ms), to, who)
	}
	if ms[0].Rcpt[0] != who+"@example.jp" {
		t.Fatalf("mail to %v, want %s", ms[0].Rcpt, who)
	}
	return ms[0]
}

// has checks that s holds every one of want.
func has(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}

// lacks checks that s holds none of bad.
func lacks(t *testing.T, what, s string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(s, b) {
			t.Errorf("%s has %q:\n%s", what, b, s)
		}
	}
}

// sendArgs is an offer from who to to, with two times and message.
func sendArgs(to, message string) app.SendOfferArgs {
	return app.SendOfferArgs{ID: uuid.NewString(), CohortID: cohortID, ToID: pid(to), Message: message,
		Mode: app.ModeOnline, Slots: []time.Time{at(3, 14), at(4, 10)}}
}
