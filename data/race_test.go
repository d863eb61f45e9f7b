package data_test

import (
	"sync"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// An accept and a withdraw of the same offer race: exactly one commits,
// and the other is told the offer is no longer pending.
func TestAcceptWithdrawRace(t *testing.T) {
	st := open(t, fixture.Dataset())
	wins := map[string]int{}
	for range 30 {
		id := fixture.Send(t, st, "a1", "b1")
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, 2)
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-start
			errs[0] = fixture.Run(st, "b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: fixture.At(3, 14)}, fixture.Now)
		}()
		go func() {
			defer wg.Done()
			<-start
			errs[1] = fixture.Run(st, "a1", app.OfferWithdraw, app.WithdrawOfferArgs{OfferID: id}, fixture.Now)
		}()
		close(start)
		wg.Wait()

		o := fixture.OfferOf(t, st, id)
		switch {
		case errs[0] == nil && app.CodeOf(errs[1]) == app.CodeOfferNotPending:
			wins["accept"]++
			if o.State != app.OfferAccepted {
				t.Fatalf("accept won but the offer is %s", o.State)
			}
			fixture.TalkOf(t, st, app.TalkIDFor(id))
			// Free the pair for the next round.
			fixture.Must(t, st, "a1", app.TalkCancel, app.CancelTalkArgs{TalkID: app.TalkIDFor(id), Reason: "other"}, fixture.Now)
		case errs[1] == nil && app.CodeOf(errs[0]) == app.CodeOfferNotPending:
			wins["withdraw"]++
			if o.State != app.OfferWithdrawn {
				t.Fatalf("withdraw won but the offer is %s", o.State)
			}
		default:
			t.Fatalf("accept: %v, withdraw: %v: want exactly one winner and offer_not_pending for the other", errs[0], errs[1])
		}
	}
	t.Logf("winners: %v", wins)
}
