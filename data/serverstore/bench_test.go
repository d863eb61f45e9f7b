package serverstore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"crosstalk/app"
	"crosstalk/data/internal/fixture"
)

// BenchmarkProcessConcurrent measures the server's exactly-once
// processing with 50 devices pushing at once (group commit): one
// bookmark toggle per operation, each with its device's lastMutationID
// and result.
func BenchmarkProcessConcurrent(b *testing.B) {
	const devices = 50
	d := fixture.World(devices + 10)
	srv := open(b, d)
	var devs [devices]string
	for i := range devs {
		devs[i] = fixture.Device(b, srv, fixture.PID(fmt.Sprint("p", i)), "")
	}
	var next [devices]atomic.Int64
	var dev atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(devices / 2) // 2 cores × 25 = 50 goroutines
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
}
