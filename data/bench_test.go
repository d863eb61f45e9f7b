package data_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// BenchmarkSendOffer measures one local mutation: offer.send.v1 checked
// against every rule and committed to the file (WAL, synchronous=FULL).
// Target: under 2 ms per operation on the 2-core machine.
func BenchmarkSendOffer(b *testing.B) {
	const n = 2000
	d := fixture.World(n)
	st := open(b, d)
	ctx := context.Background()
	slots := []time.Time{fixture.At(3, 14), fixture.At(4, 10)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		// Each round pairs every person with a new partner in another
		// company, so no pair repeats and no rule refuses.
		from := i % n
		to := (from + 1 + i/n) % n
		if to%10 == from%10 {
			to = (to + 1) % n
		}
		err := app.Run(ctx, st, app.OfferSend, app.Actor{ParticipantID: d.Participants[from].ID, Role: app.RoleParticipant},
			app.Args(app.SendOfferArgs{ID: fixture.NewID(), CohortID: fixture.CoOpen, ToID: d.Participants[to].ID,
				Message: "はじめまして。お話を伺えますと幸いです。", Mode: app.ModeOnline, Slots: slots}), fixture.Now)
		if err != nil {
			b.Fatal(err)
		}
	}
}
