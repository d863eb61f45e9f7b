package ui

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data"
	"crosstalk/data/replica"
	"crosstalk/ui/widgets"
)

// testServices serves the views from a real SQLite file holding the demo
// consortium, acting as the demo user at a fixed clock. Mutations run
// straight on the file, as the server would run them.
type testServices struct {
	*replica.Store
	me  app.Actor
	now time.Time

	mu      sync.Mutex
	calls   []string // mutator names run, successful or not
	revoked []string // the devices stopped (RevokeMyDevice)

	// How Send finds the server: online by default (it has the change
	// at once); offline (the change is saved and waits); or refusing
	// every change it is sent with this code (the change is undone).
	offline bool
	refuse  app.Code

	// What BusyTimes answers (freetime_busy_test.go): the other
	// person's busy times, or busyErr; and the asks it had.
	busy      []app.Slot
	busyErr   error
	busyAsked []busyAsk
}

var _ Services = (*testServices)(nil)

// testNow is the clock of the UI tests: Wednesday 25 November 2026, 10:00
// in Tokyo.
var testNow = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

func newTestServices(t testing.TB) *testServices {
	t.Helper()
	st, err := replica.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	t.Cleanup(widgets.FlushDrafts) // before the file closes, as the app does
	d := demo.Demo(testNow)
	if err := st.Import(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	me := app.Actor{ParticipantID: demo.DemoUser, Role: app.RoleParticipant}
	for _, p := range d.Participants {
		if p.ID == demo.DemoUser {
			me.CompanyID = p.CompanyID
		}
	}
	return &testServices{Store: st, me: me, now: testNow}
}

func (s *testServices) Mutate(ctx context.Context, name string, args any) error {
	s.mu.Lock()
	s.calls = append(s.calls, name)
	s.mu.Unlock()
	return app.Run(ctx, s.Store, name, s.me, app.Args(args), s.now)
}

func (s *testServices) Send(ctx context.Context, name string, args any) (bool, error) {
	s.mu.Lock()
	offline, refuse := s.offline, s.refuse
	s.mu.Unlock()
	if refuse != "" {
		s.mu.Lock()
		s.calls = append(s.calls, name)
		s.mu.Unlock()
		return false, &app.Rejection{Code: refuse, Detail: "refused by the test server"}
	}
	if offline {
		// Saved and queued, as the sync client does: the change waits in
		// the outbox (deliverQueued sends it).
		s.mu.Lock()
		s.calls = append(s.calls, name)
		s.mu.Unlock()
		_, err := s.Enqueue(ctx, name, s.me, app.Args(args), s.now)
		return false, err
	}
	if err := s.Mutate(ctx, name, args); err != nil {
		return false, err
	}
	return true, nil
}

// deliverQueued stands for the server taking every queued change as it
// was: the outbox empties, the changes stay.
func (s *testServices) deliverQueued(t *testing.T) {
	t.Helper()
	err := s.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`DELETE FROM outbox`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// setServer makes Send find the server offline, or refusing with code.
func (s *testServices) setServer(offline bool, refuse app.Code) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offline, s.refuse = offline, refuse
}

func (s *testServices) Me() app.Actor { return s.me }

func (s *testServices) Now() time.Time { return s.now }

// comingTalk is the demo user's first scheduled talk of the coming days
// that no one has proposed to move.
func comingTalk(t *testing.T, s *testServices, days int) app.TalkItem {
	t.Helper()
	talks, err := s.TalksBetween(context.Background(), s.me.ParticipantID, s.now, s.now.AddDate(0, 0, days))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range talks {
		if k.State == app.TalkScheduled && k.Proposal == nil {
			return k
		}
	}
	t.Fatalf("the demo user has no scheduled talk in the coming %d days", days)
	return app.TalkItem{}
}
