package server

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// BenchmarkPushMail is BenchmarkPushConcurrent's push, 50 devices at
// once, without a Mailer and with the composer, for two loads: bookmarks
// (no mail) and offers sent and withdrawn in turn (each offer a mail to
// its recipient, composed and encoded in the commit).
func BenchmarkPushMail(b *testing.B) {
	for _, load := range []string{"bookmark", "offer"} {
		for _, mailer := range []bool{false, true} {
			name := load + "/off"
			if mailer {
				name = load + "/mailer"
			}
			b.Run(name, func(b *testing.B) { benchPushMail(b, load == "offer", mailer) })
		}
	}
}

func benchPushMail(b *testing.B, offers, mailer bool) {
	const devices = 50
	e := newEnv(b)
	ctx := context.Background()
	err := e.st.Write(ctx, func(tx *data.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, `UPDATE participants SET email = id || '@example.jp'`)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if mailer {
		c, err := mail.NewComposer(mail.ComposerConfig{From: mail.Sender{Name: "CrossTalk", Address: "noreply@example.jp"},
			PublicURL: "https://crosstalk.example.jp"})
		if err != nil {
			b.Fatal(err)
		}
		e.st.SetMailer(c)
	}
	cohort := e.ds.Cohorts[0].ID
	rules := e.ds.Cohorts[0].Rules
	sent, received, between := map[string]int{}, map[string]int{}, map[[2]string]bool{}
	for _, o := range e.ds.Offers {
		if o.State == app.OfferPending {
			sent[o.FromID]++
			received[o.ToID]++
			between[[2]string{o.FromID, o.ToID}], between[[2]string{o.ToID, o.FromID}] = true, true
		}
	}
	eligible := func(p app.Participant) bool {
		return p.Role == app.RoleParticipant && p.Visible && p.InCohort(cohort) && p.Accepts(app.ModeOnline)
	}
	// Each device has at most one offer of its own pending at a time:
	// its sender stays below MaxPendingSent, its target below
	// MaxPendingReceived.
	type device struct{ token, target string }
	var devs []device
	for _, p := range e.ds.Participants {
		if len(devs) == devices || !eligible(p) || sent[p.ID] >= rules.MaxPendingSent {
			continue
		}
		for _, q := range e.ds.Participants {
			if q.CompanyID != p.CompanyID && eligible(q) && received[q.ID] < rules.MaxPendingReceived && !between[[2]string{p.ID, q.ID}] {
				received[q.ID]++
				between[[2]string{p.ID, q.ID}], between[[2]string{q.ID, p.ID}] = true, true
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
	slots := []time.Time{slot(2, 14), slot(3, 15)}

	var next atomic.Int64
	lat := make([][]time.Duration, devices)
	b.ResetTimer()
	cpu0 := cpuTime(b)
	t0 := time.Now()
	var wg sync.WaitGroup
	for i, d := range devs {
		wg.Go(func() {
			var id int64
			var offer string
			for next.Add(1) <= int64(b.N) {
				id++
				m := wire.Mutation{ID: id, Name: app.BookmarkSet,
					Args: app.Args(app.SetBookmarkArgs{ParticipantID: d.target, On: id%2 == 1})}
				if offers && id%2 == 1 {
					offer = uuid.NewString()
					m = wire.Mutation{ID: id, Name: app.OfferSend, Args: app.Args(app.SendOfferArgs{ID: offer, CohortID: cohort,
						ToID: d.target, Message: "はじめまして。お話を伺えますと幸いです。", Mode: app.ModeOnline, Slots: slots})}
				} else if offers {
					m = wire.Mutation{ID: id, Name: app.OfferWithdraw, Args: app.Args(app.WithdrawOfferArgs{OfferID: offer})}
				}
				start := time.Now()
				status, body := e.call(http.MethodPost, wire.PathPush, d.token, wire.PushRequest{Mutations: []wire.Mutation{m}})
				lat[i] = append(lat[i], time.Since(start))
				if status != http.StatusOK {
					b.Errorf("push: %d %s", status, body)
					return
				}
				var r wire.PushResponse
				decode(b, body, &r)
				if len(r.Results) != 1 || r.Results[0].Code != "" {
					b.Errorf("push %s: %+v", m.Name, r.Results)
					return
				}
			}
		})
	}
	wg.Wait()
	if offers && mailer {
		// What the renderer has left is part of the load.
		if _, err := e.st.ComposeMail(ctx); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(t0)
	cpu := cpuTime(b) - cpu0
	b.StopTimer()
	if offers && mailer {
		var n int
		if err := e.st.DB().QueryRow(`SELECT count(*) FROM mail_outbox`).Scan(&n); err != nil || n == 0 {
			b.Fatalf("%d mails queued for %d pushes, %v", n, b.N, err)
		}
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(len(all))/elapsed.Seconds(), "mutations/s")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(all)), "cpu-µs/op")
	}
}

// cpuTime is the CPU time the process has used (user and system): unlike
// the wall clock, other programs on a shared machine barely change it.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
