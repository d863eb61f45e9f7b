package data_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data"
)

// now is the clock of every test: Wednesday 25 November 2026, 10:00 in Tokyo.
var now = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

// People of the fixture. Companies A, B, C and D; a1 and a2 are
// colleagues; b2 takes phone talks only; b3 is invisible; x1 belongs to
// no cohort; c2, d1 and d2 are in the draft and closed cohorts too; e1 is
// HR.
const (
	coOpen   = "c0000000-0000-4000-8000-000000000001"
	coDraft  = "c0000000-0000-4000-8000-000000000002"
	coClosed = "c0000000-0000-4000-8000-000000000003"
)

var people = []struct {
	id, company string
	modes       []app.Mode
	visible     bool
	cohorts     []string
	role        app.Role
}{
	{"a1", "A", app.Modes, true, []string{coOpen}, app.RoleParticipant},
	{"a2", "A", app.Modes, true, []string{coOpen}, app.RoleParticipant},
	{"b1", "B", app.Modes, true, []string{coOpen}, app.RoleParticipant},
	{"b2", "B", []app.Mode{app.ModePhone}, true, []string{coOpen}, app.RoleParticipant},
	{"b3", "B", app.Modes, false, []string{coOpen}, app.RoleParticipant},
	{"c1", "C", app.Modes, true, []string{coOpen}, app.RoleParticipant},
	{"c2", "C", app.Modes, true, []string{coOpen, coDraft, coClosed}, app.RoleParticipant},
	{"d1", "D", app.Modes, true, []string{coOpen, coDraft, coClosed}, app.RoleParticipant},
	{"d2", "D", app.Modes, true, []string{coOpen, coDraft, coClosed}, app.RoleParticipant},
	{"x1", "C", app.Modes, true, nil, app.RoleParticipant},
	{"e1", "A", app.Modes, true, []string{coOpen}, app.RoleHR},
}

var names = map[string][2]string{
	"a1": {"山田 太郎", "ヤマダ タロウ"}, "a2": {"佐藤 花子", "サトウ ハナコ"},
	"b1": {"鈴木 一郎", "スズキ イチロウ"}, "b2": {"高橋 健", "タカハシ ケン"},
	"b3": {"田中 美咲", "タナカ ミサキ"}, "c1": {"伊藤 誠", "イトウ マコト"},
	"c2": {"渡辺 直子", "ワタナベ ナオコ"}, "d1": {"中村 修", "ナカムラ オサム"},
	"d2": {"小林 由美", "コバヤシ ユミ"}, "x1": {"加藤 剛", "カトウ ツヨシ"},
	"e1": {"吉田 恵", "ヨシダ メグミ"},
}

// pid is the participant id of a fixture name such as "a1".
func pid(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("participant/"+name)).String()
}

func companyID(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("company/"+name)).String()
}

// newID makes a fresh UUID, as a client does.
func newID() string { return uuid.NewString() }

// fixture is the small consortium every mutator test starts from.
func fixture() app.Dataset {
	var d app.Dataset
	industries := map[string]string{"A": "製造", "B": "金融", "C": "情報通信", "D": "小売"}
	for _, c := range []string{"A", "B", "C", "D"} {
		d.Companies = append(d.Companies, app.Company{ID: companyID(c), Name: "株式会社" + c + "商事", Industry: industries[c]})
	}
	rules := app.DefaultRules
	rules.MaxPendingReceived = 2
	cohort := func(id string, state app.CohortState) app.Cohort {
		return app.Cohort{ID: id, Name: "2026年度 第2期", StartsOn: app.Date(2026, 11, 1),
			EndsOn: app.Date(2027, 2, 28), State: state, Rules: rules}
	}
	d.Cohorts = []app.Cohort{cohort(coOpen, app.CohortOpen), cohort(coDraft, app.CohortDraft), cohort(coClosed, app.CohortClosed)}
	for _, p := range people {
		n := names[p.id]
		d.Participants = append(d.Participants, app.Participant{
			ID: pid(p.id), CompanyID: companyID(p.company), Name: n[0], Kana: n[1], AgeBand: "55-59",
			JobRole: "営業部長", Themes: []string{"セカンドキャリア", "学び直し"}, Intro: "よろしくお願いします。",
			Modes: p.modes, Visible: p.visible, Role: p.role, Cohorts: p.cohorts,
		})
	}
	return d
}

// open makes a store on a new file in a temporary folder, filled with d.
func open(t testing.TB, d app.Dataset) *data.Store {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(ctx, filepath.Join(t.TempDir(), "crosstalk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Import(ctx, d); err != nil {
		t.Fatal(err)
	}
	return st
}

// actor is the fixture person name acting.
func actor(name string) app.Actor {
	for _, p := range people {
		if p.id == name {
			return app.Actor{ParticipantID: pid(name), CompanyID: companyID(p.company), Role: p.role}
		}
	}
	return app.Actor{ParticipantID: pid(name), Role: app.RoleParticipant}
}

// at is a time relative to the fixture's now.
func at(days int, hour int) time.Time {
	d := now.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, app.Tokyo)
}

// run runs a mutator as name at clock.
func run(st *data.Store, who, mutator string, args any, clock time.Time) error {
	raw, ok := args.(json.RawMessage)
	if !ok {
		raw = app.Args(args)
	}
	return app.Run(context.Background(), st, mutator, actor(who), raw, clock)
}

// must runs a mutator that has to succeed.
func must(t testing.TB, st *data.Store, who, mutator string, args any, clock time.Time) {
	t.Helper()
	if err := run(st, who, mutator, args, clock); err != nil {
		t.Fatalf("%s by %s: %v", mutator, who, err)
	}
}

// send sends a pending offer from one person to another with two slots,
// and returns its id.
func send(t testing.TB, st *data.Store, from, to string) string {
	t.Helper()
	id := newID()
	must(t, st, from, app.OfferSend, app.SendOfferArgs{
		ID: id, CohortID: coOpen, ToID: pid(to), Message: "はじめまして。お話を伺えますと幸いです。",
		Mode: app.ModePhone, Slots: []time.Time{at(3, 14), at(4, 10)},
	}, now)
	return id
}

// accepted sends an offer and has the recipient accept its first slot; it
// returns the talk id.
func accepted(t testing.TB, st *data.Store, from, to string) string {
	t.Helper()
	id := send(t, st, from, to)
	must(t, st, to, app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: at(3, 14)}, now)
	return app.TalkIDFor(id)
}

// offerOf reads an offer back through a transaction.
func offerOf(t testing.TB, st *data.Store, id string) app.Offer {
	t.Helper()
	var o app.Offer
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		o, err = tx.Offer(context.Background(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func talkOf(t testing.TB, st *data.Store, id string) app.Talk {
	t.Helper()
	var k app.Talk
	err := st.Update(context.Background(), func(tx app.Tx) (err error) {
		k, err = tx.Talk(context.Background(), id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// snapshot is every row of the file as text, to check that a refused
// change wrote nothing.
func snapshot(t testing.TB, st *data.Store) string {
	t.Helper()
	s, err := st.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	if c := app.CodeOf(err); c != "" {
		return string(c)
	}
	return fmt.Sprintf("error: %v", err)
}
