package serverstore_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// surveyEvents runs the sweep at clock and returns the programme survey's
// events it kept, as "kind who" (who a fixture name), in order.
func surveyEvents(t *testing.T, st *serverstore.Store, rec *recorder, clock time.Time) []string {
	t.Helper()
	rec.mu.Lock()
	rec.events = nil
	rec.mu.Unlock()
	if _, err := st.QueueScheduledMail(context.Background(), clock); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []string
	for _, ev := range rec.events {
		if ev.Kind != serverstore.MailSurveyOpens && ev.Kind != serverstore.MailSurveyReminder {
			continue
		}
		var d serverstore.SurveyMailData
		if err := json.Unmarshal(ev.Data, &d); err != nil || d.CohortID == "" || !ev.At.Equal(clock) || ev.ActorID != "" {
			t.Errorf("event %+v (%v)", ev, err)
		}
		who := ev.To
		for _, p := range fixture.People {
			if fixture.PID(p.ID) == ev.To {
				who = p.ID
			}
		}
		out = append(out, ev.Kind+" "+who)
	}
	return out
}

// withAddresses gives every fixture person an address, and mail_mode
// none to those of none.
func withAddresses(t *testing.T, st *serverstore.Store, none ...string) {
	t.Helper()
	err := st.Write(context.Background(), func(tx *data.Tx) error {
		for _, p := range fixture.People {
			mode := "single"
			if slices.Contains(none, p.ID) {
				mode = "none"
			}
			if _, err := tx.SQL().Exec(`UPDATE participants SET email = ?, mail_mode = ? WHERE id = ?`,
				p.ID+"@example.jp", mode, fixture.PID(p.ID)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func setCohortState(t *testing.T, st *serverstore.Store, state app.CohortState) {
	t.Helper()
	err := st.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE cohorts SET state = ? WHERE id = ?`, state, fixture.CoOpen)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The sweep keeps the programme survey's opening for those who held a
// talk in a cohort that is not a draft, and whom mail reaches, then its
// reminder, but to whoever answered; a member who left is not asked; each key is kept until
// after the survey closes, however long the secretariat made its window.
func TestProgrammeSurveyEvents(t *testing.T) {
	st := open(t, fixture.Dataset())
	rec := &recorder{}
	st.SetMailer(rec)
	fixture.Accepted(t, st, "a1", "b1")
	fixture.Accepted(t, st, "a2", "c1")           // c1 leaves the cohort
	fixture.Accepted(t, st, "b2", "d1")           // d1 chose no mail
	cancel := fixture.Accepted(t, st, "d2", "c2") // cancelled: not held
	fixture.Must(t, st, "c2", app.TalkCancel, app.CancelTalkArgs{TalkID: cancel, Reason: "work"}, fixture.Now)
	fixture.Leave(t, st, "c1")
	withAddresses(t, st, "d1")
	// A window of four months: longer than the sweep keeps its keys.
	opensOn, closesOn := app.Date(2026, 12, 1), app.Date(2027, 3, 31)
	if _, err := st.SetProgrammeSurvey(context.Background(), fixture.CoOpen,
		serverstore.ProgrammeSurveySettings{OpensOn: &opensOn, ClosesOn: &closesOn}); err != nil {
		t.Fatal(err)
	}
	opens := time.Date(2026, 12, 1, 0, 0, 0, 0, app.Tokyo)

	if got := surveyEvents(t, st, rec, opens.Add(-time.Second)); len(got) != 0 {
		t.Fatalf("before the window: %v", got)
	}
	setCohortState(t, st, app.CohortDraft)
	if got := surveyEvents(t, st, rec, opens); len(got) != 0 {
		t.Fatalf("a draft cohort: %v", got)
	}
	setCohortState(t, st, app.CohortClosed) // closed, its survey still asks
	want := []string{"programme.surveyOpens a1", "programme.surveyOpens a2", "programme.surveyOpens b1", "programme.surveyOpens b2"}
	got := surveyEvents(t, st, rec, opens)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("at opening %v, want %v", got, want)
	}
	if got := surveyEvents(t, st, rec, opens.Add(time.Hour)); len(got) != 0 {
		t.Fatalf("again: %v", got)
	}
	// a2 answers before the reminder.
	sat, next, recommend := 6, 6, 9
	answer := app.ProgrammeSurveyArgs{CohortID: fixture.CoOpen, Satisfaction: &sat, NextRound: &next, Recommend: &recommend,
		Assessment: map[string]int{}}
	for _, s := range app.SelfAssessmentStatements {
		answer.Assessment[s.ID] = 4
	}
	fixture.Must(t, st, "a2", app.ProgrammeSurveySubmit, answer, opens.AddDate(0, 0, 1))
	remind := opens.Add(app.SurveyReminderAfter)
	if got := surveyEvents(t, st, rec, remind.Add(-time.Second)); len(got) != 0 {
		t.Fatalf("before the reminder: %v", got)
	}
	want = []string{"programme.surveyReminder a1", "programme.surveyReminder b1", "programme.surveyReminder b2"}
	got = surveyEvents(t, st, rec, remind)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("at the reminder %v, want %v", got, want)
	}
	// 100 days on, the keys of 1 December are still there.
	for _, clock := range []time.Time{opens.AddDate(0, 0, 61), opens.AddDate(0, 0, 100)} {
		if got := surveyEvents(t, st, rec, clock); len(got) != 0 {
			t.Fatalf("at %s: %v", clock, got)
		}
	}
	var keys int
	if err := st.DB().QueryRow(`SELECT count(*) FROM mail_scheduled WHERE key LIKE 'psurvey-%'`).Scan(&keys); err != nil || keys != 7 {
		t.Fatalf("%d keys of the programme survey, %v", keys, err)
	}
	// They go scheduledKeep (60 days) after the close.
	if _, err := st.QueueScheduledMail(context.Background(), time.Date(2027, 6, 1, 0, 0, 0, 0, app.Tokyo)); err != nil {
		t.Fatal(err)
	}
	if err := st.DB().QueryRow(`SELECT count(*) FROM mail_scheduled WHERE key LIKE 'psurvey-%'`).Scan(&keys); err != nil || keys != 0 {
		t.Fatalf("%d keys of the programme survey left after the close, %v", keys, err)
	}
}

// Whatever the order of two sweeps side by side, each person's opening is
// kept once.
func TestProgrammeSurveyEventsOnceAcrossSweeps(t *testing.T) {
	st := open(t, fixture.Dataset())
	rec := &recorder{}
	st.SetMailer(rec)
	withAddresses(t, st)
	fixture.Accepted(t, st, "a1", "b1")
	opens, _ := fixture.Dataset().Cohorts[0].SurveyWindow()
	errs := make(chan error, 2)
	for range 2 {
		go func() { _, err := st.QueueScheduledMail(context.Background(), opens); errs <- err }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM mail_outbox WHERE kind = ?`, serverstore.MailSurveyOpens).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d opening mails queued, want 2 (a1 and b1), %v", n, err)
	}
}

// dueMailer records how the programme survey stands, in the composer's
// snapshot, for the person of each event.
type dueMailer struct {
	dues map[string]app.SurveyDue // by person id
}

func (m *dueMailer) Mails(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]serverstore.OutgoingMail, error) {
	var d serverstore.SurveyMailData
	if err := json.Unmarshal(ev.Data, &d); err != nil {
		return nil, err
	}
	due, err := q.ProgrammeSurveyDue(ctx, d.CohortID, ev.To, ev.At)
	m.dues[ev.To] = due
	return nil, err
}

// The composer's snapshot tells how the survey stands for a person: open
// to who held a talk and has not answered, with its reminder due from
// RemindAt; not to who answered, left the cohort or held no talk.
func TestProgrammeSurveyDueInSnapshot(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	m := &dueMailer{dues: map[string]app.SurveyDue{}}
	st.SetMailer(m)
	fixture.Accepted(t, st, "a1", "b1")
	fixture.Accepted(t, st, "a2", "c1")
	fixture.Leave(t, st, "c1")
	c := fixture.Dataset().Cohorts[0]
	opens, closes := c.SurveyWindow()
	sat, next, recommend := 6, 6, 9
	answer := app.ProgrammeSurveyArgs{CohortID: fixture.CoOpen, Satisfaction: &sat, NextRound: &next, Recommend: &recommend,
		Assessment: map[string]int{}}
	for _, s := range app.SelfAssessmentStatements {
		answer.Assessment[s.ID] = 4
	}
	fixture.Must(t, st, "a2", app.ProgrammeSurveySubmit, answer, opens)
	remind := opens.Add(app.SurveyReminderAfter)
	keep := func(who string, at time.Time) {
		t.Helper()
		ev, err := json.Marshal(serverstore.MailEvent{Kind: serverstore.MailSurveyReminder, To: fixture.PID(who), At: at,
			Data: json.RawMessage(`{"cohortId":"` + fixture.CoOpen + `"}`)})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Write(ctx, func(tx *data.Tx) error {
			_, err := tx.SQL().Exec(`INSERT INTO mail_events (event, created_at) VALUES (?, 0)`, ev)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []string{"a1", "a2", "c1", "b3"} {
		keep(who, remind)
	}
	if _, err := st.ComposeMail(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a1": true, "a2": false, "c1": false, "b3": false}
	for who, open := range want {
		d, ok := m.dues[fixture.PID(who)]
		if !ok || d.Open != open || d.Remind != open || !d.Opens.Equal(opens) || !d.Closes.Equal(closes) || !d.RemindAt.Equal(remind) {
			t.Errorf("%s: %+v (composed %v), want open and reminded %v", who, d, ok, open)
		}
	}
	keep("a1", remind.Add(-time.Second))
	keep("b1", closes)
	if _, err := st.ComposeMail(ctx); err != nil {
		t.Fatal(err)
	}
	if d := m.dues[fixture.PID("a1")]; !d.Open || d.Remind {
		t.Errorf("a1 before RemindAt: %+v", d)
	}
	if d := m.dues[fixture.PID("b1")]; d.Open {
		t.Errorf("b1 at the close: %+v", d)
	}
}
