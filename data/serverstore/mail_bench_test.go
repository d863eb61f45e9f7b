package serverstore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"crosstalk/app"
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
