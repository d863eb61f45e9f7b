package data_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// BenchmarkSendOffer measures one local mutation: offer.send.v1 checked
// against every rule and committed to the file (WAL, synchronous=FULL).
// Target: under 2 ms per operation on the 2-core machine.
func BenchmarkSendOffer(b *testing.B) {
	const n = 2000
	d := world(n)
	st := open(b, d)
	ctx := context.Background()
	slots := []time.Time{at(3, 14), at(4, 10)}
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
			app.Args(app.SendOfferArgs{ID: newID(), CohortID: coOpen, ToID: d.Participants[to].ID,
				Message: "はじめまして。お話を伺えますと幸いです。", Mode: app.ModeOnline, Slots: slots}), now)
		if err != nil {
			b.Fatal(err)
		}
	}
}

// world is n visible participants in ten companies, in one open cohort
// whose caps never bind.
func world(n int) app.Dataset {
	d := fixture()
	d.Participants = nil
	for i := range 10 {
		d.Companies = append(d.Companies, app.Company{ID: companyID(fmt.Sprint(i)), Name: fmt.Sprintf("株式会社%d", i), Industry: "製造"})
	}
	d.Cohorts[0].Rules.MaxPendingReceived = 1 << 20
	d.Cohorts[0].Rules.MaxPendingSent = 1 << 20
	for i := range n {
		d.Participants = append(d.Participants, app.Participant{
			ID: pid(fmt.Sprint("p", i)), CompanyID: companyID(fmt.Sprint(i % 10)), Name: "山田 太郎", Kana: "やまだ たろう",
			AgeBand: "50-54", Modes: app.Modes, Visible: true, Role: app.RoleParticipant, Cohorts: []string{coOpen},
		})
	}
	return d
}

// BenchmarkSearchDirectory measures one directory query over the scale
// consortium of 10,000 participants, for each kind of query the search
// box sends. Target: under 10 ms per query.
func BenchmarkSearchDirectory(b *testing.B) {
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	d := demo.Scale(10000, clock)
	st := open(b, d)
	var viewer string
	for _, p := range d.Participants {
		if p.Role == app.RoleParticipant && p.Visible {
			viewer = p.ID
			break
		}
	}
	queries := []struct {
		name string
		q    app.DirectoryQuery
	}{
		{"first-page", app.DirectoryQuery{}},
		{"kanji-name", app.DirectoryQuery{Text: "佐藤"}},
		{"hiragana-reading", app.DirectoryQuery{Text: "さとう"}},
		{"halfwidth-katakana", app.DirectoryQuery{Text: "ｻﾄｳ"}},
		{"theme-word", app.DirectoryQuery{Text: "セカンドキャリア"}},
		{"two-terms", app.DirectoryQuery{Text: "さとう 営業"}},
		{"no-match", app.DirectoryQuery{Text: "存在しない言葉"}},
		{"filters", app.DirectoryQuery{Industry: d.Companies[0].Industry, Mode: app.ModeOnline, NotTalkedTo: true, NoOffersYet: true}},
	}
	ctx := context.Background()
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			q := c.q
			q.ViewerID, q.Now = viewer, clock
			b.ReportAllocs()
			for b.Loop() {
				if _, err := st.SearchDirectory(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProcessConcurrent measures the server's exactly-once
// processing with 50 devices pushing at once (group commit): one
// bookmark toggle per operation, each with its device's lastMutationID
// and result.
func BenchmarkProcessConcurrent(b *testing.B) {
	const devices = 50
	d := world(devices + 10)
	srv := open(b, d)
	peers := make([]*peer, devices)
	for i := range peers {
		peers[i] = newWorldPeer(b, srv, i)
	}
	var next [devices]atomic.Int64
	var dev atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(devices / 2) // 2 cores × 25 = 50 goroutines
	b.RunParallel(func(pb *testing.PB) {
		i := int(dev.Add(1)-1) % devices
		p := peers[i]
		on := false
		for pb.Next() {
			on = !on
			id := next[i].Add(1)
			args := app.Args(app.SetBookmarkArgs{ParticipantID: d.Participants[(i+1)%devices].ID, On: on})
			if _, err := srv.Process(context.Background(), p.device, id, app.BookmarkSet, args, now); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "mutations/s")
}
