package server

import (
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// BenchmarkPushConcurrent pushes one mutation per request from 50
// devices at once, each toggling a bookmark, and reports the server's
// throughput and the 99th percentile of a push's latency.
func BenchmarkPushConcurrent(b *testing.B) {
	const devices = 50
	e := newEnv(b)
	type device struct {
		token, target string
	}
	var devs []device
	for _, p := range e.ds.Participants {
		if p.Role != app.RoleParticipant || len(devs) == devices {
			continue
		}
		for _, q := range e.ds.Participants {
			if q.CompanyID != p.CompanyID && q.Visible && q.Role == app.RoleParticipant {
				devs = append(devs, device{e.login(p.ID).Token, q.ID})
				break
			}
		}
	}
	if len(devs) < devices {
		b.Fatalf("only %d devices", len(devs))
	}
	client := e.ts.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = devices

	var next atomic.Int64
	lat := make([][]time.Duration, devices)
	b.ResetTimer()
	t0 := time.Now()
	var wg sync.WaitGroup
	for i, d := range devs {
		wg.Go(func() {
			var id int64
			for next.Add(1) <= int64(b.N) {
				id++
				m := wire.Mutation{ID: id, Name: app.BookmarkSet,
					Args: app.Args(app.SetBookmarkArgs{ParticipantID: d.target, On: id%2 == 1})}
				start := time.Now()
				status, body := e.call(http.MethodPost, wire.PathPush, d.token, wire.PushRequest{Mutations: []wire.Mutation{m}})
				lat[i] = append(lat[i], time.Since(start))
				if status != http.StatusOK {
					b.Errorf("push: %d %s", status, body)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(t0)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(len(all))/elapsed.Seconds(), "mutations/s")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	}
}
