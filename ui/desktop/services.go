package desktop

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/data/replica"
	"crosstalk/sync/client"
	"crosstalk/ui"
	"crosstalk/ui/admin"
	"crosstalk/ui/widgets"
)

// services serves the views from the replica, with mutations through the
// sync client.
type services struct {
	*replica.Store
	client *client.Client
	me     app.Actor
	admin  *adminServices // HR and the secretariat only
	log    *slog.Logger
}

// adminViews is what the administration tabs are served by, or nil for a
// participant (the window then has none).
func (s *services) adminViews() admin.Services {
	if s.admin == nil {
		return nil
	}
	return s.admin
}

// adminServices serves the administration tabs: the server's answers
// through the sync client, and import files read here.
type adminServices struct {
	app.Admin
	widgets.DraftStore // the replica's
	client             *client.Client
	me                 app.Actor
}

func (s *adminServices) Me() app.Actor { return s.me }

func (s *adminServices) Now() time.Time { return s.client.Now() }

func (s *adminServices) ReadRoster(name string, b []byte, cohorts []app.Cohort) (roster.Preview, error) {
	return roster.Read(name, b, roster.Known{Cohorts: cohorts})
}

func (s *services) Mutate(ctx context.Context, name string, args any) error {
	_, err := s.client.Mutate(ctx, name, app.Args(args))
	return err
}

// sendWait is how long Send waits for the server's answer while online.
const sendWait = 10 * time.Second

func (s *services) Send(ctx context.Context, name string, args any) (bool, error) {
	id, err := s.client.Mutate(ctx, name, app.Args(args))
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, sendWait)
	defer cancel()
	switch err := s.client.Sent(ctx, id); {
	case err == nil:
		return true, nil
	case app.IsRejection(err):
		return false, err
	case errors.Is(err, client.ErrNotSent), errors.Is(err, context.DeadlineExceeded):
		return false, nil // saved, and queued
	default:
		s.log.Warn("whether the server has a change", "mutation", name, "err", err)
		return false, nil
	}
}

func (s *services) Me() app.Actor { return s.me }

// BusyTimes asks the server when another person is taken.
func (s *services) BusyTimes(ctx context.Context, personID string, from, to time.Time) ([]app.Slot, error) {
	return s.client.BusyTimes(ctx, personID, from, to)
}

// RevokeMyDevice stops one of the person's other devices at the server;
// the person's devices (MyDevices, the replica's) show it stopped after
// the sync that follows.
func (s *services) RevokeMyDevice(ctx context.Context, id string) error {
	return s.client.RevokeMyDevice(ctx, id)
}

var _ ui.DeviceServices = (*services)(nil)

// SetMail sets the person's mail choices: at once in the replica, and at
// the server through the outbox.
func (s *services) SetMail(ctx context.Context, c app.MailSettings) error {
	return s.Mutate(ctx, app.MailSet, c)
}

// StartEmail asks the server to mail a code to a new address of the
// person.
func (s *services) StartEmail(ctx context.Context, address string) error {
	return s.client.StartEmail(ctx, address)
}

// ConfirmEmail gives the code mailed back to the server.
func (s *services) ConfirmEmail(ctx context.Context, code string) (string, error) {
	return s.client.ConfirmEmail(ctx, code)
}

var _ ui.MailServices = (*services)(nil)

func (s *services) Now() time.Time { return s.client.Now() }
