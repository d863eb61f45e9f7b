package serverstore_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// recorder is a Mailer that records the events it is given and mails
// each to the actor (or To), at a made-up address; fail makes it fail on
// events of that kind.
type recorder struct {
	mu     sync.Mutex
	events []serverstore.MailEvent
	skip   string // a kind Concerns refuses
	fail   string // a kind Mails fails on
}

func (r *recorder) Concerns(kind string) bool { return kind != r.skip }

func (r *recorder) Mails(ctx context.Context, q serverstore.MailReader, ev serverstore.MailEvent) ([]serverstore.OutgoingMail, error) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
	if ev.Kind == r.fail {
		return nil, errors.New("template broken")
	}
	to := ev.ActorID
	if to == "" {
		to = ev.To
	}
	if ev.TalkID != "" && ev.ActorID == "" {
		t, err := q.Talk(ctx, ev.TalkID)
		if err != nil {
			return nil, err
		}
		to = t.AID
	}
	p, err := q.Person(ctx, to)
	if err != nil {
		return nil, err
	}
	return []serverstore.OutgoingMail{{ParticipantID: p.ID, Address: p.ID + "@example.jp", Kind: ev.Kind,
		MessageID: fixture.NewID() + "@example.jp", Message: []byte("Subject: " + ev.Kind + "\r\n\r\n" + p.Name)}}, nil
}

func (r *recorder) kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events {
		out = append(out, ev.Kind)
	}
	return out
}

func count(t *testing.T, st *serverstore.Store, table string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// An applied mutation's event names its kind, its actor and the offer and
// talk it touched; a rejected one, and a kind the Mailer never mails
// about, keep nothing; each event's mails are queued once.
func TestMailEventsOfMutations(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	rec := &recorder{skip: app.BookmarkSet}
	st.SetMailer(rec)
	a1, b1 := fixture.Device(t, st, fixture.PID("a1"), "a1"), fixture.Device(t, st, fixture.PID("b1"), "b1")
	process := func(dev string, id int64, name string, args any) app.Code {
		t.Helper()
		out, err := st.Process(ctx, dev, id, name, app.Args(args), fixture.Now)
		if err != nil {
			t.Fatal(err)
		}
		return out.Code
	}
	send := fixture.SendArgs("b1")
	if code := process(a1, 1, app.OfferSend, send); code != "" {
		t.Fatal(code)
	}
	if code := process(a1, 2, app.OfferSend, fixture.SendArgs("a2")); code != app.CodeSameCompany {
		t.Fatalf("offer to a colleague: %q", code)
	}
	if code := process(a1, 3, app.BookmarkSet, app.SetBookmarkArgs{ParticipantID: fixture.PID("b1"), On: true}); code != "" {
		t.Fatal(code)
	}
	if code := process(b1, 1, app.OfferAccept, app.AcceptOfferArgs{OfferID: send.ID, Start: fixture.At(3, 14)}); code != "" {
		t.Fatal(code)
	}
	if _, err := st.ComposeMail(ctx); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	evs := slices.Clone(rec.events)
	rec.mu.Unlock()
	if len(evs) != 2 {
		t.Fatalf("events %+v, want offer.send and offer.accept", evs)
	}
	if e := evs[0]; e.Kind != app.OfferSend || e.ActorID != fixture.PID("a1") || e.OfferID != send.ID || e.TalkID != "" || !e.At.Equal(fixture.Now) {
		t.Errorf("send event %+v", e)
	}
	if e := evs[1]; e.Kind != app.OfferAccept || e.ActorID != fixture.PID("b1") || e.OfferID != send.ID || e.TalkID != app.TalkIDFor(send.ID) {
		t.Errorf("accept event %+v", e)
	}
	if n := count(t, st, "mail_outbox"); n != 2 {
		t.Errorf("%d mails queued, want 2", n)
	}
	if n := count(t, st, "mail_events"); n != 0 {
		t.Errorf("%d events left after composing", n)
	}
	if n, err := st.ComposeMail(ctx); n != 0 || err != nil {
		t.Errorf("composing again: %d, %v", n, err)
	}
}

// Without a Mailer, nothing is kept, composed nor queued.
func TestNoMailerKeepsNothing(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	a1 := fixture.Device(t, st, fixture.PID("a1"), "a1")
	if _, err := st.Process(ctx, a1, 1, app.OfferSend, app.Args(fixture.SendArgs("b1")), fixture.Now); err != nil {
		t.Fatal(err)
	}
	if n, err := st.QueueScheduledMail(ctx, fixture.Now); n != 0 || err != nil {
		t.Fatalf("scheduled: %d, %v", n, err)
	}
	if e, o := count(t, st, "mail_events"), count(t, st, "mail_outbox"); e != 0 || o != 0 {
		t.Fatalf("%d events, %d mails without a Mailer", e, o)
	}
}

// The renderer composes in the background, soon after the commit.
func TestRendererComposesInTheBackground(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	st.SetMailer(&recorder{})
	a1 := fixture.Device(t, st, fixture.PID("a1"), "a1")
	if _, err := st.Process(ctx, a1, 1, app.OfferSend, app.Args(fixture.SendArgs("b1")), fixture.Now); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for count(t, st, "mail_outbox") != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no mail queued in the background; %d events kept", count(t, st, "mail_events"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// An event the Mailer fails on is dropped and its error returned; the
// others are composed.
func TestMailerErrorDropsTheEvent(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	rec := &recorder{}
	st.SetMailer(rec)
	fixture.Accepted(t, st, "a1", "b1") // through app.Run: no event
	start := fixture.At(3, 14)
	rec.mu.Lock()
	rec.fail = serverstore.MailRemindDay
	rec.mu.Unlock()
	if _, err := st.QueueScheduledMail(ctx, start.Add(-23*time.Hour)); err == nil {
		t.Fatal("no error from a failing Mailer")
	}
	rec.mu.Lock()
	rec.fail = ""
	rec.mu.Unlock()
	if n := count(t, st, "mail_events"); n != 0 {
		t.Fatalf("%d events left", n)
	}
	n, err := st.QueueScheduledMail(ctx, start.Add(-30*time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("hour reminder: %d, %v", n, err)
	}
	if got, want := rec.kinds(), []string{serverstore.MailRemindDay, serverstore.MailRemindHour}; !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
}

// The scheduler queues each reminder once, however often it runs; a talk
// moved is reminded at its new time, a cancelled one not at all.
func TestScheduleOnce(t *testing.T) {
	ctx := context.Background()
	st := open(t, fixture.Dataset())
	rec := &recorder{}
	st.SetMailer(rec)
	talk := fixture.Accepted(t, st, "a1", "b1")
	start := fixture.At(3, 14)
	for _, at := range []time.Duration{-25 * time.Hour, -23 * time.Hour, -22 * time.Hour, -50 * time.Minute, -10 * time.Minute} {
		if _, err := st.QueueScheduledMail(ctx, start.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{serverstore.MailRemindDay, serverstore.MailRemindHour}
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	moved := fixture.At(6, 9)
	fixture.Must(t, st, "a1", app.TalkProposeTime, app.ProposeTimeArgs{TalkID: talk, Start: moved}, fixture.Now)
	fixture.Must(t, st, "b1", app.TalkAcceptTime, app.TimeAnswerArgs{TalkID: talk, Start: moved}, fixture.Now)
	if _, err := st.QueueScheduledMail(ctx, moved.Add(-20*time.Hour)); err != nil {
		t.Fatal(err)
	}
	want = append(want, serverstore.MailRemindDay)
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	fixture.Must(t, st, "b1", app.TalkCancel, app.CancelTalkArgs{TalkID: talk, Reason: "work"}, fixture.Now)
	if _, err := st.QueueScheduledMail(ctx, moved.Add(-30*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got := rec.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v after the cancellation, want %v", got, want)
	}
}
