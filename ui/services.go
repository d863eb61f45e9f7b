package ui

import (
	"context"
	"time"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// Services is what the views need of the rest of the app: the local data
// to read, a way to change it, the drafts of its forms, who the user is
// and what time it is. The
// desktop app passes the replica and the sync client behind it; tests
// pass a store of their own.
type Services interface {
	app.Reader
	// DraftStore keeps what the person typed and has not sent yet, on
	// this device only.
	widgets.DraftStore
	// TalkChangeReader tells of the other person's changes to a talk, and
	// keeps what of them was seen.
	app.TalkChangeReader
	// ThreadReader reads the message threads of offers and talks.
	app.ThreadReader
	// Mutate runs a mutation at once on the local data and queues it for
	// the server. A rejection is an *app.Rejection.
	Mutate(ctx context.Context, name string, args any) error
	// Send is Mutate for a change the user sends to someone, followed by
	// a short wait for the server: sent reports whether the server has
	// it. It is false at once while offline, and after a few seconds
	// without the server's answer: the change is saved and goes when
	// the device is online. The error is a rejection, the replica's at
	// once or the server's meanwhile (the change is then undone).
	Send(ctx context.Context, name string, args any) (sent bool, err error)
	// BusyTimes asks the server when another person is taken in
	// [from, to), for proposing times that suit both (issue 19): merged
	// intervals only, never their talks. It needs the server: offline, an
	// error wrapping app.ErrOffline; a person the user may not send an
	// offer to, an *app.Rejection.
	BusyTimes(ctx context.Context, personID string, from, to time.Time) ([]app.Slot, error)
	// Me is the signed-in participant.
	Me() app.Actor
	// Now is the current time, corrected to the server's clock.
	Now() time.Time
}
