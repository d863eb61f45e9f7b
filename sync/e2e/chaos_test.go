package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

// Chaos convergence: 20 people of several companies, each on a device of
// their own, act at random (bookmarks, offers sent, answered, countered,
// declined and withdrawn, talks cancelled, profiles edited) while their
// sync loops run and the network drops, delays and refuses their
// requests. When the network heals and every outbox has drained:
//
//   - each device's replica equals a replica of the same person pulled
//     afresh from the server;
//   - the server has processed every mutation a device queued, each
//     exactly once, and the device knows of every refusal;
//   - every mutation the server applied has its effect on the server.
func TestChaosConvergence(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos takes a while")
	}
	const (
		clients = 20
		actions = 500
		seed    = 20261125
	)
	e := newEnv(t, dataset())
	ctx := context.Background()
	began := time.Now()

	people := chaosPeople(demo.Demo(start), clients)
	actors := make([]*chaosActor, len(people))
	for i, p := range people {
		d := e.connect(p.ID, e.clock.Now)
		d.sync()
		a := &chaosActor{d: d, me: p, rng: rand.New(rand.NewPCG(seed, uint64(i))), refused: map[app.Code]int{}}
		for _, q := range people {
			if q.CompanyID != p.CompanyID {
				a.others = append(a.others, q)
			}
		}
		actors[i] = a
	}

	// The network misbehaves for a third of the requests.
	for i, a := range actors {
		rng := rand.New(rand.NewPCG(seed, uint64(1000+i)))
		a.d.net.set(func(*http.Request) fault {
			switch x := rng.IntN(100); {
			case x < 8:
				return dropRequest
			case x < 16:
				return dropResponse
			case x < 22:
				return unavailable
			case x < 32:
				return slow
			}
			return pass
		})
		a.d.net.setDelay(func() time.Duration { return time.Duration(1+rng.IntN(30)) * time.Millisecond })
	}
	stops := make([]func(), len(actors))
	for i, a := range actors {
		stops[i] = a.d.run()
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(actors))
	for _, a := range actors {
		wg.Go(func() {
			if err := a.play(ctx, actions); err != nil {
				errs <- fmt.Errorf("%s: %w", a.me.ID, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	played := time.Since(began)

	// The network heals; every outbox drains; then each device pulls
	// once more, so that it has what the others pushed last.
	for _, a := range actors {
		a.d.net.set(nil)
	}
	for _, a := range actors {
		eventually(t, 60*time.Second, a.me.ID+"'s outbox to drain", drained(a.d))
	}
	for _, stop := range stops {
		stop()
	}
	for _, a := range actors {
		a.d.sync()
	}

	applied := map[string]int{}
	rejected := map[app.Code]int{}
	refused := map[app.Code]int{}
	var faults [numFaults]int
	for _, a := range actors {
		sameAsFresh(a.d.t, e, a.d)
		for _, m := range a.checkProcessed(e) {
			if m.code == "" {
				applied[m.name]++
			} else {
				rejected[m.code]++
			}
		}
		for c, n := range a.refused {
			refused[c] += n
		}
		for f := range numFaults {
			faults[f] += a.d.net.count(f, "")
		}
	}
	checkEffects(t, e, actors)

	t.Logf("%d clients × %d actions in %v (played in %v)", clients, actions, time.Since(began).Round(time.Millisecond), played.Round(time.Millisecond))
	t.Logf("applied on the server: %v", applied)
	t.Logf("refused by the server: %v", rejected)
	t.Logf("refused by the replica (never queued): %v", refused)
	var fs []string
	for f := range numFaults {
		fs = append(fs, fmt.Sprintf("%s %d", f, faults[f]))
	}
	t.Logf("requests: %s; reached the server: push %d, pull %d, poke %d",
		strings.Join(fs, ", "), e.requests(wire.PathPush), e.requests(wire.PathPull), e.requests(wire.PathPoke))
}

// chaosPeople picks n participants of ds, taking the companies in turn.
func chaosPeople(ds app.Dataset, n int) []app.Participant {
	byCompany := map[string][]app.Participant{}
	var companies []string
	for _, p := range ds.Participants {
		if p.Role != app.RoleParticipant {
			continue
		}
		if byCompany[p.CompanyID] == nil {
			companies = append(companies, p.CompanyID)
		}
		byCompany[p.CompanyID] = append(byCompany[p.CompanyID], p)
	}
	var out []app.Participant
	for k := 0; len(out) < n; k++ {
		for _, c := range companies {
			if k < len(byCompany[c]) && len(out) < n {
				out = append(out, byCompany[c][k])
			}
		}
	}
	return out
}

// chaosActor is one person acting at random on their device.
type chaosActor struct {
	d       *device
	me      app.Participant
	others  []app.Participant // the other actors of other companies
	rng     *rand.Rand
	queued  []queuedMutation // what Mutate accepted, in order
	refused map[app.Code]int // what the replica refused
	edits   int              // profile updates made
}

type queuedMutation struct {
	id   int64
	name string
	args json.RawMessage
	code app.Code // the server's result, once checked
}

// play makes n random changes in bursts. After each, it leaves the sync
// loop a moment to send them, so that the others see them and can answer
// while the game goes on.
func (a *chaosActor) play(ctx context.Context, n int) error {
	for n > 0 {
		for burst := 1 + a.rng.IntN(15); burst > 0 && n > 0; burst-- {
			name, args, err := a.choose(ctx)
			for err == nil && name != "" {
				var id int64
				id, err = a.d.c.Mutate(ctx, name, args)
				if err == nil {
					a.queued = append(a.queued, queuedMutation{id: id, name: name, args: args})
					break
				}
				code := app.CodeOf(err)
				if code == "" {
					return fmt.Errorf("%s: %w", name, err)
				}
				a.refused[code]++
				if code != app.CodeSenderBusy {
					break
				}
				name, args, err = a.makeRoom(ctx)
			}
			if err != nil && !app.IsRejection(err) {
				return err
			}
			n--
		}
		for wait := time.Now().Add(400 * time.Millisecond); a.d.c.Status().Pending > 5 && time.Now().Before(wait); {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Duration(a.rng.IntN(50)) * time.Millisecond)
	}
	return nil
}

// choose picks a change and its arguments from what the replica shows:
// mostly answers to the offers waiting for the actor, or new offers when
// none waits; withdrawals, cancellations, profile edits and bookmarks
// now and then.
func (a *chaosActor) choose(ctx context.Context) (string, json.RawMessage, error) {
	now := a.d.c.Now()
	switch x := a.rng.IntN(100); {
	case x < 55:
		items, err := a.d.r.Inbox(ctx, a.me.ID, app.BoxNeedsMyAnswer, now)
		if err != nil || len(items) == 0 {
			return a.send(err)
		}
		o := pick(a.rng, items).Offer
		switch y := a.rng.IntN(10); {
		case y < 4:
			s := pick(a.rng, o.Slots).Start
			return app.OfferAccept, app.Args(app.AcceptOfferArgs{OfferID: o.ID, Start: s, Place: "オンライン"}), nil
		case y < 7:
			return app.OfferCounter, app.Args(app.CounterOfferArgs{OfferID: o.ID, Slots: a.slots(), Message: "この時間はいかがでしょうか。"}), nil
		default:
			return app.OfferDecline, app.Args(app.DeclineOfferArgs{OfferID: o.ID, Reason: pick(a.rng, app.DeclineReasons)}), nil
		}
	case x < 83:
		return a.send(nil)
	case x < 86:
		pending, err := a.pendingSent(ctx)
		if err != nil || len(pending) == 0 {
			return a.send(err)
		}
		return app.OfferWithdraw, app.Args(app.WithdrawOfferArgs{OfferID: pick(a.rng, pending).ID}), nil
	case x < 91:
		talks, err := a.d.r.TalksBetween(ctx, a.me.ID, now, now.AddDate(0, 0, 150))
		var scheduled []app.TalkItem
		for _, k := range talks {
			if k.State == app.TalkScheduled {
				scheduled = append(scheduled, k)
			}
		}
		if err != nil || len(scheduled) == 0 {
			return a.send(err)
		}
		return app.TalkCancel, app.Args(app.CancelTalkArgs{TalkID: pick(a.rng, scheduled).ID, Reason: pick(a.rng, app.CancelReasons)}), nil
	case x < 94:
		a.edits++
		p := a.me
		themes := []string{"セカンドキャリア", "学び直し", "後進育成", "健康管理", "地域貢献"}
		a.rng.Shuffle(len(themes), func(i, j int) { themes[i], themes[j] = themes[j], themes[i] })
		return app.ProfileUpdate, app.Args(app.UpdateProfileArgs{
			Name: p.Name, Kana: p.Kana, AgeBand: p.AgeBand, JobRole: p.JobRole,
			Themes: themes[:1+a.rng.IntN(3)], Interests: p.Interests,
			Intro: fmt.Sprintf("%sです。自己紹介を%d回目に書き直しました。", p.Name, a.edits),
			Modes: app.Modes, FreeTimes: pick(a.rng, []string{"平日の午後", "火曜・木曜", "いつでも"}), Visible: p.Visible,
		}), nil
	}
	return a.bookmark(nil)
}

// send is offer.send.v1 to one of the others, in a mode they take, the
// change made when there is nothing else to do. It passes err on.
func (a *chaosActor) send(err error) (string, json.RawMessage, error) {
	to := pick(a.rng, a.others)
	return app.OfferSend, app.Args(app.SendOfferArgs{
		ID: uuid.NewString(), CohortID: a.me.Cohorts[0], ToID: to.ID, Message: "はじめまして。お話を伺えますか。",
		Mode: pick(a.rng, to.Modes), Slots: a.slots(),
	}), err
}

// makeRoom is what the actor does when the replica refuses an offer
// because too many of theirs wait for an answer: withdraw one sent to
// someone outside the game, who would never answer, if there is one. It
// returns no name when there is none.
func (a *chaosActor) makeRoom(ctx context.Context) (string, json.RawMessage, error) {
	pending, err := a.pendingSent(ctx)
	for _, o := range pending {
		if !slices.ContainsFunc(a.others, func(p app.Participant) bool { return p.ID == o.ToID }) {
			return app.OfferWithdraw, app.Args(app.WithdrawOfferArgs{OfferID: o.ID}), err
		}
	}
	return "", nil, err
}

// pendingSent lists the offers the actor sent that are still pending in
// the replica.
func (a *chaosActor) pendingSent(ctx context.Context) ([]app.Offer, error) {
	items, err := a.d.r.Inbox(ctx, a.me.ID, app.BoxSent, a.d.c.Now())
	var pending []app.Offer
	for _, it := range items {
		if it.State == app.OfferPending {
			pending = append(pending, it.Offer)
		}
	}
	return pending, err
}

// bookmark is bookmark.set.v1 on or off for one of the others. It
// passes err on.
func (a *chaosActor) bookmark(err error) (string, json.RawMessage, error) {
	to := pick(a.rng, a.others)
	return app.BookmarkSet, app.Args(app.SetBookmarkArgs{ParticipantID: to.ID, On: a.rng.IntN(3) > 0}), err
}

// slots are one to three distinct times in the weeks to come.
func (a *chaosActor) slots() []time.Time {
	var out []time.Time
	for range 1 + a.rng.IntN(app.MaxSlots) {
		s := slot(2+a.rng.IntN(60), 10+a.rng.IntN(8))
		if !slices.ContainsFunc(out, s.Equal) {
			out = append(out, s)
		}
	}
	return out
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// checkProcessed checks that the server processed exactly the mutations
// the device queued, and that the device recorded every refusal with the
// server's code. It returns the queued mutations with their results.
func (a *chaosActor) checkProcessed(e *env) []queuedMutation {
	t := a.d.t
	t.Helper()
	last, results := e.processed(a.d.deviceID())
	var ids []int64
	for i, m := range a.queued {
		ids = append(ids, m.id)
		code, ok := results[m.id]
		if !ok {
			t.Errorf("%s: mutation %d (%s) was queued but never processed (last %d)", a.me.ID, m.id, m.name, last)
		}
		a.queued[i].code = code
	}
	if got := slices.Sorted(maps.Keys(results)); !slices.Equal(got, ids) {
		t.Errorf("%s: the server processed mutations %v, the device queued %v", a.me.ID, got, ids)
	}
	if len(ids) > 0 && last != ids[len(ids)-1] {
		t.Errorf("%s: last mutation id %d, want %d", a.me.ID, last, ids[len(ids)-1])
	}
	rej, err := a.d.r.Rejections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	told := map[int64]app.Code{}
	for _, r := range rej {
		told[r.MutationID] = r.Code
	}
	refused := maps.Clone(results)
	maps.DeleteFunc(refused, func(_ int64, c app.Code) bool { return c == "" })
	if !maps.Equal(told, refused) {
		t.Errorf("%s: the device was told of refusals %v, the server refused %v", a.me.ID, told, refused)
	}
	return a.queued
}

// checkEffects checks on the server the effect of every mutation it
// applied: sent offers exist; accepted, declined and withdrawn ones are
// in that state, with a talk for each accepted one; each offer went
// through as many rounds as counters were applied to it; cancelled talks
// are cancelled; each bookmark and profile is as its last update left it.
func checkEffects(t *testing.T, e *env, actors []*chaosActor) {
	t.Helper()
	rounds := map[string]int{}
	for _, o := range e.ds.Offers {
		rounds[o.ID] = o.Rounds
	}
	bookmarks := map[[2]string]bool{}
	intros := map[string]string{}
	state := func(table, id string) string {
		var s string
		if err := e.db.QueryRow(`SELECT state FROM `+table+` WHERE id = ?`, id).Scan(&s); err != nil {
			t.Errorf("%s %s: %v", table, id, err)
		}
		return s
	}
	for _, a := range actors {
		for _, m := range a.queued {
			if m.code != "" {
				continue
			}
			var args struct {
				ID, OfferID, TalkID, ParticipantID, Intro string
				On                                        bool
			}
			if err := json.Unmarshal(m.args, &args); err != nil {
				t.Fatal(err)
			}
			switch m.name {
			case app.OfferSend:
				if n := e.count(`SELECT count(*) FROM offers WHERE id = ? AND from_id = ?`, args.ID, a.me.ID); n != 1 {
					t.Errorf("applied offer %s of %s: %d on the server", args.ID, a.me.ID, n)
				}
				rounds[args.ID] += 0 // a new offer, with no rounds but its counters
			case app.OfferAccept:
				if s := state("offers", args.OfferID); s != string(app.OfferAccepted) {
					t.Errorf("accepted offer %s is %s", args.OfferID, s)
				}
				if n := e.count(`SELECT count(*) FROM talks WHERE id = ? AND offer_id = ?`, app.TalkIDFor(args.OfferID), args.OfferID); n != 1 {
					t.Errorf("accepted offer %s has %d talks", args.OfferID, n)
				}
			case app.OfferDecline:
				if s := state("offers", args.OfferID); s != string(app.OfferDeclined) {
					t.Errorf("declined offer %s is %s", args.OfferID, s)
				}
			case app.OfferWithdraw:
				if s := state("offers", args.OfferID); s != string(app.OfferWithdrawn) {
					t.Errorf("withdrawn offer %s is %s", args.OfferID, s)
				}
			case app.OfferCounter:
				rounds[args.OfferID]++
			case app.TalkCancel:
				if s := state("talks", args.TalkID); s != string(app.TalkCancelled) {
					t.Errorf("cancelled talk %s is %s", args.TalkID, s)
				}
			case app.BookmarkSet:
				bookmarks[[2]string{a.me.ID, args.ParticipantID}] = args.On
			case app.ProfileUpdate:
				intros[a.me.ID] = args.Intro
			default:
				t.Errorf("unexpected mutation %s", m.name)
			}
		}
	}
	for id, want := range rounds {
		var got int
		if err := e.db.QueryRow(`SELECT rounds FROM offers WHERE id = ?`, id).Scan(&got); err != nil || got != want {
			t.Errorf("offer %s went through %d rounds (%v), want %d", id, got, err, want)
		}
	}
	for k, on := range bookmarks {
		if n := e.count(`SELECT count(*) FROM bookmarks WHERE owner_id = ? AND target_id = ?`, k[0], k[1]); (n == 1) != on {
			t.Errorf("bookmark of %s on %s: %d rows, want on=%v", k[0], k[1], n, on)
		}
	}
	for id, want := range intros {
		var got string
		if err := e.db.QueryRow(`SELECT intro FROM participants WHERE id = ?`, id).Scan(&got); err != nil || got != want {
			t.Errorf("intro of %s: %q (%v), want %q", id, got, err, want)
		}
	}
}

// diffLines lists the lines only in a and only in b, at most 20 of each.
func diffLines(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for l := range strings.SplitSeq(s, "\n") {
			m[l] = true
		}
		return m
	}
	as, bs := in(a), in(b)
	var sb strings.Builder
	for _, side := range []struct {
		mark  string
		s     string
		other map[string]bool
	}{{"-", a, bs}, {"+", b, as}} {
		n := 0
		for l := range strings.SplitSeq(side.s, "\n") {
			if !side.other[l] && n < 20 {
				fmt.Fprintf(&sb, "%s %s\n", side.mark, l)
				n++
			}
		}
	}
	return sb.String()
}
