package ui

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

// fakeScheduler records what is scheduled and cancelled.
type fakeScheduler struct {
	mu        sync.Mutex
	next      int
	live      map[string]*fyne.ScheduledNotification
	scheduled []*fyne.ScheduledNotification
	cancelled []string
	fail      bool
}

func newFakeScheduler() *fakeScheduler {
	return &fakeScheduler{live: map[string]*fyne.ScheduledNotification{}}
}

func (s *fakeScheduler) ScheduleNotification(n *fyne.Notification, at time.Time) (*fyne.ScheduledNotification, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return nil, errors.New("the notification service is not running")
	}
	s.next++
	sn := fyne.NewScheduledNotification("n"+strconv.Itoa(s.next), n, at)
	s.live[sn.ID()] = sn
	s.scheduled = append(s.scheduled, sn)
	return sn, nil
}

func (s *fakeScheduler) CancelScheduledNotification(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, id)
	s.cancelled = append(s.cancelled, id)
	return nil
}

// pending lists the notifications still to come, by time.
func (s *fakeScheduler) pending() []*fyne.ScheduledNotification {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*fyne.ScheduledNotification
	for _, n := range s.live {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DeliveryTime.Before(out[j].DeliveryTime) })
	return out
}

func (s *fakeScheduler) counts() (scheduled, cancelled int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.scheduled), len(s.cancelled)
}

var reminderNow = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

func reminderTalk(id string, start time.Time) app.TalkItem {
	return app.TalkItem{
		Talk: app.Talk{ID: id, OfferID: "offer-" + id, Start: start, End: start.Add(time.Hour),
			Mode: app.ModeOnline, State: app.TalkScheduled},
		OtherName: "西村 信也", OtherCompany: "株式会社あおば銀行",
	}
}

func mustPlan(t *testing.T, r *Reminders, talks []app.TalkItem, now time.Time) {
	t.Helper()
	if err := r.Plan(talks, now); err != nil {
		t.Fatal(err)
	}
}

// A new talk gets a reminder the day before and an hour before, in
// Japanese.
func TestRemindersPlanTwoPerTalk(t *testing.T) {
	testapp.Japanese(t)
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	start := time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo)
	mustPlan(t, r, []app.TalkItem{reminderTalk("k1", start)}, reminderNow)
	got := s.pending()
	if len(got) != 2 {
		t.Fatalf("%d reminders", len(got))
	}
	content := "2026年11月27日(金) 15:00から、西村 信也さん（株式会社あおば銀行）とのクロストークです（オンライン）。"
	for i, want := range []struct {
		at    time.Time
		title string
	}{
		{start.Add(-24 * time.Hour), "明日はクロストークの日です"},
		{start.Add(-time.Hour), "1時間後にクロストークがあります"},
	} {
		if !got[i].DeliveryTime.Equal(want.at) || got[i].Title != want.title || got[i].Content != content {
			t.Errorf("reminder %d: %s %q %q", i, got[i].DeliveryTime, got[i].Title, got[i].Content)
		}
	}
}

// Times that have passed are skipped, and talks that are not scheduled
// get nothing.
func TestRemindersSkipThePast(t *testing.T) {
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	soon := reminderTalk("soon", reminderNow.Add(5*time.Hour))
	held := reminderTalk("held", reminderNow.Add(48*time.Hour))
	held.State = app.TalkHeld
	mustPlan(t, r, []app.TalkItem{soon, held}, reminderNow)
	got := s.pending()
	if len(got) != 1 || !got[0].DeliveryTime.Equal(soon.Start.Add(-time.Hour)) {
		t.Fatalf("reminders %v", got)
	}
	// Inside the last hour there is nothing left to remind of.
	mustPlan(t, r, []app.TalkItem{soon}, soon.Start.Add(-30*time.Minute))
	if n, c := s.counts(); n != 1 || c != 0 {
		t.Errorf("scheduled %d, cancelled %d", n, c)
	}
}

// Planning again with the same talks changes nothing.
func TestRemindersIdempotent(t *testing.T) {
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	talks := []app.TalkItem{
		reminderTalk("k1", time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo)),
		reminderTalk("k2", time.Date(2026, 12, 1, 14, 0, 0, 0, app.Tokyo)),
	}
	mustPlan(t, r, talks, reminderNow)
	mustPlan(t, r, talks, reminderNow.Add(time.Hour))
	mustPlan(t, r, talks, reminderNow.Add(2*time.Hour))
	if n, c := s.counts(); n != 4 || c != 0 {
		t.Errorf("scheduled %d, cancelled %d", n, c)
	}
}

// A moved talk loses its old reminders and gets new ones; the other talks
// are left alone.
func TestRemindersReplanAMovedTalk(t *testing.T) {
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	k1 := reminderTalk("k1", time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo))
	k2 := reminderTalk("k2", time.Date(2026, 12, 1, 14, 0, 0, 0, app.Tokyo))
	mustPlan(t, r, []app.TalkItem{k1, k2}, reminderNow)
	old := s.pending()

	// Rescheduling makes a new talk and cancels the old one.
	moved := reminderTalk("k1b", time.Date(2026, 12, 3, 10, 0, 0, 0, app.Tokyo))
	moved.OfferID, moved.Replaces = k1.OfferID, k1.ID
	k1.State, k1.Reason = app.TalkCancelled, app.ReasonRescheduled
	mustPlan(t, r, []app.TalkItem{k1, k2, moved}, reminderNow)
	n, c := s.counts()
	if n != 6 || c != 2 {
		t.Fatalf("scheduled %d, cancelled %d", n, c)
	}
	var times []time.Time
	for _, p := range s.pending() {
		times = append(times, p.DeliveryTime)
	}
	want := []time.Time{old[2].DeliveryTime, old[3].DeliveryTime, moved.Start.Add(-24 * time.Hour), moved.Start.Add(-time.Hour)}
	if len(times) != 4 {
		t.Fatalf("pending %v", times)
	}
	for i := range want {
		if !times[i].Equal(want[i]) {
			t.Errorf("pending %v, want %v", times, want)
			break
		}
	}

	// The same talk at another time (a correction from the server) is
	// planned again too.
	k2.Start = k2.Start.Add(2 * time.Hour)
	mustPlan(t, r, []app.TalkItem{k2, moved}, reminderNow)
	if n, c := s.counts(); n != 8 || c != 4 {
		t.Errorf("scheduled %d, cancelled %d", n, c)
	}
}

// A cancelled talk, or one that is gone, loses the reminders still to
// come, but not those already shown.
func TestRemindersCancel(t *testing.T) {
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	k1 := reminderTalk("k1", time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo))
	k2 := reminderTalk("k2", time.Date(2026, 12, 1, 14, 0, 0, 0, app.Tokyo))
	mustPlan(t, r, []app.TalkItem{k1, k2}, reminderNow)
	k1.State = app.TalkCancelled
	mustPlan(t, r, []app.TalkItem{k1, k2}, reminderNow)
	if n, c := s.counts(); n != 4 || c != 2 || len(s.pending()) != 2 {
		t.Fatalf("scheduled %d, cancelled %d", n, c)
	}
	// k2 disappears after its day-before reminder was shown.
	mustPlan(t, r, nil, k2.Start.Add(-2*time.Hour))
	if n, c := s.counts(); n != 4 || c != 3 {
		t.Errorf("scheduled %d, cancelled %d", n, c)
	}
}

// What was planned is remembered in the preferences: a restarted app
// neither repeats the reminders nor loses track of them.
func TestRemindersSurviveARestart(t *testing.T) {
	prefs := test.NewTempApp(t).Preferences()
	s := newFakeScheduler()
	k1 := reminderTalk("k1", time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo))
	mustPlan(t, NewReminders(s, prefs), []app.TalkItem{k1}, reminderNow)

	again := NewReminders(s, prefs)
	mustPlan(t, again, []app.TalkItem{k1}, reminderNow.Add(time.Hour))
	if n, c := s.counts(); n != 2 || c != 0 {
		t.Fatalf("after a restart: scheduled %d, cancelled %d", n, c)
	}
	k1.State = app.TalkCancelled
	mustPlan(t, NewReminders(s, prefs), []app.TalkItem{k1}, reminderNow.Add(time.Hour))
	if n, c := s.counts(); n != 2 || c != 2 || len(s.pending()) != 0 {
		t.Errorf("cancelled after a restart: scheduled %d, cancelled %d", n, c)
	}
}

// A failure to schedule is reported, and tried again at the next plan.
func TestRemindersRetryAfterAFailure(t *testing.T) {
	s := newFakeScheduler()
	s.fail = true
	r := NewReminders(s, nil)
	k1 := reminderTalk("k1", time.Date(2026, 11, 27, 15, 0, 0, 0, app.Tokyo))
	if err := r.Plan([]app.TalkItem{k1}, reminderNow); err == nil {
		t.Error("no error from a failing scheduler")
	}
	s.mu.Lock()
	s.fail = false
	s.mu.Unlock()
	mustPlan(t, r, []app.TalkItem{k1}, reminderNow)
	if len(s.pending()) != 2 {
		t.Errorf("%d reminders after the retry", len(s.pending()))
	}
}

// PlanFrom plans the demo user's talks from the real store, and Fyne's
// own app is a Scheduler.
func TestRemindersPlanFromTheStore(t *testing.T) {
	testapp.Japanese(t)
	a := testapp.New(t)
	var _ Scheduler = a
	svc := newTestServices(t)
	s := newFakeScheduler()
	r := NewReminders(s, nil)
	if err := r.PlanFrom(context.Background(), svc, svc.me.ParticipantID, testNow); err != nil {
		t.Fatal(err)
	}
	talks, err := svc.TalksBetween(context.Background(), svc.me.ParticipantID, testNow, testNow.Add(ReminderHorizon))
	if err != nil {
		t.Fatal(err)
	}
	scheduled := 0
	for _, k := range talks {
		if k.State == app.TalkScheduled {
			scheduled++
		}
	}
	if got := len(s.pending()); scheduled < 3 || got != 2*scheduled {
		t.Errorf("%d reminders for %d talks", got, scheduled)
	}

	// Through the real app, cancelling goes through the app too.
	r = NewReminders(a, nil)
	if err := r.PlanFrom(context.Background(), svc, svc.me.ParticipantID, testNow); err != nil {
		t.Fatal(err)
	}
	if err := r.Plan(nil, testNow); err != nil {
		t.Fatal(err)
	}
}
