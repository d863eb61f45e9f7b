package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/client"
)

// Sent tells when the server has a mutation: at once nothing (it waits),
// nil once the loop pushed it and a pull confirmed it, and the replica
// then holds the server's rows; the outbox is empty.
func TestSentWhenTheServerHasIt(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	a.run(t)
	offer, args := e.offerArgs(recipient(t, a))
	id, err := a.c.Mutate(ctx, app.OfferSend, args)
	if err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := a.c.Sent(wait, id); err != nil {
		t.Fatalf("Sent: %v", err)
	}
	if state, ok := serverHas(t, e.store, a.id, offer); !ok || state != app.OfferPending {
		t.Errorf("Sent returned, the server has %v %v", state, ok)
	}
	if queued, err := a.r.Queued(ctx, id); err != nil || queued {
		t.Errorf("Sent returned, the mutation is still queued: %v %v", queued, err)
	}
}

// The server refuses what the replica accepted: Sent returns the
// server's rejection, never nil, and the optimistic offer is gone.
func TestSentReportsTheServersRefusal(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	to := recipient(t, a)
	offer, args := e.offerArgs(to)
	// Meanwhile DemoUser, on another device, uses up their last free
	// offer.
	_, otherArgs := e.offerArgs(recipient(t, a, to))
	actor := app.Actor{ParticipantID: demo.DemoUser, CompanyID: e.ds.Participants[0].CompanyID, Role: app.RoleParticipant}
	if err := app.Run(ctx, e.store, app.OfferSend, actor, otherArgs, now); err != nil {
		t.Fatal(err)
	}
	id, err := a.c.Mutate(ctx, app.OfferSend, args)
	if err != nil {
		t.Fatalf("the replica refused what only the server can: %v", err)
	}
	a.run(t)
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := a.c.Sent(wait, id); app.CodeOf(err) != app.CodeSenderBusy {
		t.Fatalf("Sent: %v, want the server's %s", err, app.CodeSenderBusy)
	}
	if _, ok := hasOffer(t, a.r, a.id, offer); ok {
		t.Error("Sent returned the refusal, the refused offer is still in the replica")
	}
}

// Offline, Sent does not wait: ErrNotSent at once, and the mutation
// stays queued. Once the server is back, Sent says it has it.
func TestSentOffline(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		panic(http.ErrAbortHandler) // the connection drops: unreachable
	})
	if err := a.c.SyncNow(ctx); !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("SyncNow with the server down: %v", err)
	}
	_, args := e.offerArgs(recipient(t, a))
	id, err := a.c.Mutate(ctx, app.OfferSend, args)
	if err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := a.c.Sent(wait, id); !errors.Is(err, client.ErrNotSent) || wait.Err() != nil {
		t.Fatalf("Sent offline: %v (deadline %v), want ErrNotSent at once", err, wait.Err())
	}
	if queued, _ := a.r.Queued(ctx, id); !queued {
		t.Error("the mutation left the outbox while offline")
	}
	e.setFail(nil)
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.c.Sent(wait, id); err != nil {
		t.Fatalf("Sent after the server came back: %v", err)
	}
}
