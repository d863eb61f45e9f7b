package mail_test

import (
	"testing"
	"time"

	"crosstalk/sync/mail/mailsink"
)

// BenchmarkDeliver10000 delivers 10,000 queued mails to the local sink
// (aiosmtpd, which writes and fsyncs each), with every step of each mail
// committed to the outbox as in production. Run it with -benchtime=1x:
//
//	go test -tags migrated_fynedo -run '^$' -bench Deliver10000 -benchtime=1x ./sync/mail/
func BenchmarkDeliver10000(b *testing.B) {
	const n = 10000
	sink := mailsink.Start(b)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := newStore(b)
		pid := person(b, st, "アリス", "alice@example.jp")
		ms := encode(b, pid, "alice@example.jp", n)
		svc := newService(b, st, sink.URL(), nil)
		queue(b, st, ms)
		b.StartTimer()
		start := time.Now()
		svc.Start()
		deadline := start.Add(10 * time.Minute)
		for svc.Stats().Sent < n {
			if time.Now().After(deadline) {
				b.Fatalf("after %v: %+v", time.Since(start), svc.Stats())
			}
			time.Sleep(5 * time.Millisecond)
		}
		total += time.Since(start)
		b.StopTimer()
		svc.Stop()
		if s := svc.Stats(); s.Sent != n || s.Retried+s.Failed+s.Uncertain != 0 {
			b.Fatalf("stats %+v", s)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "mails/s")
}
