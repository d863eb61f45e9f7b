package serverstore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
	"crosstalk/data/serverstore"
)

// BenchmarkProcessMail is BenchmarkProcessConcurrent (no HTTP: the commit
// path alone) without a Mailer, with one that never mails about
// bookmarks (MailConcerns: the store keeps nothing), and with one that
// takes every kind, so that each bookmark keeps a mail event in its
// commit: the commit path's whole cost of a mailing mutation, the
// composing being the renderer's.
func BenchmarkProcessMail(b *testing.B) {
	for _, mode := range []string{"off", "skip", "every"} {
		b.Run(mode, func(b *testing.B) {
			const devices = 50
			d := fixture.World(devices + 10)
			srv := open(b, d)
			switch mode {
			case "skip":
				srv.SetMailer(&recorder{skip: app.BookmarkSet})
			case "every":
				srv.SetMailer(&recorder{})
			}
			var devs [devices]string
			for i := range devs {
				devs[i] = fixture.Device(b, srv, fixture.PID(fmt.Sprint("p", i)), "")
			}
			var next [devices]atomic.Int64
			var dev atomic.Int64
			b.ResetTimer()
			b.SetParallelism(devices / 2)
			b.RunParallel(func(pb *testing.PB) {
				i := int(dev.Add(1)-1) % devices
				on := false
				for pb.Next() {
					on = !on
					id := next[i].Add(1)
					args := app.Args(app.SetBookmarkArgs{ParticipantID: d.Participants[(i+1)%devices].ID, On: on})
					if _, err := srv.Process(context.Background(), devs[i], id, app.BookmarkSet, args, fixture.Now); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "mutations/s")
			b.StopTimer()
			if mode == "every" {
				if _, err := srv.ComposeMail(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var _ serverstore.Mailer = (*recorder)(nil)

// BenchmarkSweepProgrammeSurvey is the sweep (every minute, in the write
// transaction) of a cohort of 2,000 people whose programme survey is open,
// each of whom held a talk and was mailed its opening: the cost, on every
// sweep of its three weeks, of finding that no one is due.
func BenchmarkSweepProgrammeSurvey(b *testing.B) {
	const people = 2000
	srv := open(b, fixture.World(people))
	srv.SetMailer(&recorder{})
	if err := srv.Write(context.Background(), func(tx *data.Tx) error {
		_, err := tx.SQL().Exec(`UPDATE participants SET email = id || '@example.jp'`)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < people; i += 2 {
		id := fixture.NewID()
		fixture.Must(b, srv, fmt.Sprint("p", i), app.OfferSend, app.SendOfferArgs{ID: id, CohortID: fixture.CoOpen,
			ToID: fixture.PID(fmt.Sprint("p", i+1)), Message: "よろしくお願いします。", Mode: app.ModeOnline,
			Slots: []time.Time{fixture.At(3, 14)}}, fixture.Now)
		fixture.Must(b, srv, fmt.Sprint("p", i+1), app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: fixture.At(3, 14)}, fixture.Now)
	}
	opens, _ := fixture.World(0).Cohorts[0].SurveyWindow()
	ctx := context.Background()
	if _, err := srv.QueueScheduledMail(ctx, opens); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := srv.DB().QueryRow(`SELECT count(*) FROM mail_outbox WHERE kind = ?`, serverstore.MailSurveyOpens).Scan(&n); err != nil || n != people {
		b.Fatalf("%d opening mails, want %d (%v)", n, people, err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := srv.QueueScheduledMail(ctx, opens.Add(time.Duration(i+1)*time.Minute)); err != nil {
			b.Fatal(err)
		}
	}
}
