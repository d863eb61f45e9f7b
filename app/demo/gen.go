package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"crosstalk/app"
)

// The cohort runs from firstDay to lastDay, counted in days from today.
const (
	firstDay = -30
	lastDay  = 120
)

// gen holds the state of one generator run: the random source, the clock,
// the cohort, the rows made so far, and the counts that keep pending
// offers within the cohort's rules.
type gen struct {
	rng   *rand.Rand
	now   time.Time // the caller's clock
	base  time.Time // now to the minute, in UTC; past timestamps count back from it
	today time.Time // midnight, Tokyo, of now
	kind  string    // "demo" or "scale", which keeps the generators' ids apart

	cohort app.Cohort
	ds     app.Dataset

	comp  []int           // company index of each participant
	sent  []int           // pending offers each participant has sent
	recv  []int           // pending offers each participant has received
	pairs map[[2]int]bool // pairs of participants with a pending offer
}

// newGen starts a run of generator kind at now, with its open cohort.
func newGen(kind string, now time.Time) *gen {
	g := &gen{
		rng:   rand.New(rand.NewPCG(1, 2)),
		now:   now,
		base:  now.UTC().Truncate(time.Minute),
		today: app.StartOfDay(now),
		kind:  kind,
		pairs: map[[2]int]bool{},
	}
	t := g.today
	start := app.Date(t.Year(), t.Month(), t.Day()+firstDay)
	g.cohort = app.Cohort{
		ID:       newID(kind+"/cohort", 0),
		Name:     cohortName(start),
		StartsOn: start,
		EndsOn:   app.Date(t.Year(), t.Month(), t.Day()+lastDay),
		State:    app.CohortOpen,
		Rules:    app.DefaultRules,
	}
	g.ds.Cohorts = []app.Cohort{g.cohort}
	return g
}

// cohortName names the cohort that starts on start by its fiscal year
// (April to March) and half.
func cohortName(start time.Time) string {
	fy, term := start.Year(), 1
	switch {
	case start.Month() < time.April:
		fy, term = fy-1, 2
	case start.Month() >= time.October:
		term = 2
	}
	return fmt.Sprintf("%d年度 第%d期 クロストーク", fy, term)
}

// day is midnight, Tokyo, off days from today.
func (g *gen) day(off int) time.Time { return g.today.AddDate(0, 0, off) }

// dayOf is the day of t, counted from today.
func (g *gen) dayOf(t time.Time) int {
	return int(math.Round(app.StartOfDay(t).Sub(g.today).Hours() / 24))
}

// workday moves day off to a weekday: forward, or backward if forward
// would leave lo to hi.
func (g *gen) workday(off, lo, hi int) int {
	for o := off; o <= hi; o++ {
		if weekday(g.day(o)) {
			return o
		}
	}
	for o := off; o >= lo; o-- {
		if weekday(g.day(o)) {
			return o
		}
	}
	return off
}

func weekday(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// slot is the talk that starts at hour o'clock, Tokyo, on day off.
func (g *gen) slot(off, hour int) app.Slot {
	d := g.day(off)
	s := time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, app.Tokyo).UTC()
	return app.Slot{Start: s, End: s.Add(g.cohort.Rules.TalkLength())}
}

// slots draws up to n distinct slots on weekdays lo to hi, between 10:00
// and 18:00, that start after after, in time order.
func (g *gen) slots(n, lo, hi int, after time.Time) []app.Slot {
	lo, hi = max(lo, firstDay), min(hi, lastDay)
	out := make([]app.Slot, 0, n)
	for try := 0; len(out) < n && try < 4*n && lo <= hi; try++ {
		s := g.slot(g.workday(lo+g.rng.IntN(hi-lo+1), lo, hi), 10+g.rng.IntN(8))
		if s.Start.After(after) && !hasStart(out, s.Start) {
			out = append(out, s)
		}
	}
	sortSlots(out)
	return out
}

func hasStart(slots []app.Slot, t time.Time) bool {
	for _, s := range slots {
		if s.Start.Equal(t) {
			return true
		}
	}
	return false
}

func sortSlots(slots []app.Slot) {
	slices.SortFunc(slots, func(a, b app.Slot) int { return a.Start.Compare(b.Start) })
}

// ago is a time between lo and hi days before now, to the minute.
func (g *gen) ago(lo, hi int) time.Time {
	return g.base.Add(-time.Duration(lo*1440+g.rng.IntN((hi-lo)*1440+1)) * time.Minute)
}

// within is a time between from and to (to after from), to the minute,
// in their first quarter to half.
func (g *gen) within(from, to time.Time) time.Time {
	span := to.Sub(from)
	d := span/4 + time.Duration(g.rng.Int64N(int64(span/4)+1))
	return from.Add(d).Truncate(time.Minute)
}

// expiry is when an offer sent or countered at t expires.
func (g *gen) expiry(t time.Time) time.Time {
	e := t.AddDate(0, 0, g.cohort.Rules.OfferExpiryDays)
	if end := g.cohort.Ends().UTC(); e.After(end) {
		e = end
	}
	return e
}

// mode draws a preferred talk mode, online most often.
func (g *gen) mode() app.Mode {
	switch r := g.rng.IntN(100); {
	case r < 60:
		return app.ModeOnline
	case r < 80:
		return app.ModeInPerson
	default:
		return app.ModePhone
	}
}

// common returns pref if both a and b accept it, else the first mode both
// accept, else "".
func common(a, b *app.Participant, pref app.Mode) app.Mode {
	if a.Accepts(pref) && b.Accepts(pref) {
		return pref
	}
	for _, m := range app.Modes {
		if a.Accepts(m) && b.Accepts(m) {
			return m
		}
	}
	return ""
}

// pick draws a sender from senders and a recipient from recipients in
// another company, with a mode both accept.
func (g *gen) pick(senders, recipients []int) (f, t int, m app.Mode, ok bool) {
	if len(senders) == 0 || len(recipients) == 0 {
		return 0, 0, "", false
	}
	for range 50 {
		f, t = senders[g.rng.IntN(len(senders))], recipients[g.rng.IntN(len(recipients))]
		if g.comp[f] == g.comp[t] {
			continue
		}
		if m = common(&g.ds.Participants[f], &g.ds.Participants[t], g.mode()); m != "" {
			return f, t, m, true
		}
	}
	return 0, 0, "", false
}

// offer starts an offer from participant f to t in mode m, with a
// message from the templates.
func (g *gen) offer(f, t int, m app.Mode) app.Offer {
	from, to := g.ds.Participants[f], g.ds.Participants[t]
	theme := to.Themes[g.rng.IntN(len(to.Themes))]
	for _, x := range to.Themes {
		if slices.Contains(from.Themes, x) {
			theme = x
			break
		}
	}
	family, _, _ := strings.Cut(from.Name, " ")
	msg := fmt.Sprintf(offerMessages[g.rng.IntN(len(offerMessages))], g.ds.Companies[g.comp[f]].Name, family, theme)
	return app.Offer{
		ID:       newID(g.kind+"/offer", len(g.ds.Offers)),
		CohortID: g.cohort.ID,
		FromID:   from.ID,
		ToID:     to.ID,
		Message:  msg,
		Mode:     m,
	}
}

func pairOf(f, t int) [2]int { return [2]int{min(f, t), max(f, t)} }

// canPend reports whether f may send t an offer that stays pending: the
// caps of both sides and one pending offer per pair.
func (g *gen) canPend(f, t int) bool {
	r := g.cohort.Rules
	return g.sent[f] < r.MaxPendingSent && g.recv[t] < r.MaxPendingReceived && !g.pairs[pairOf(f, t)]
}

// pending adds a pending offer from f to t, sent a few days ago, unless
// the rules forbid it. A countered offer waits for its sender.
func (g *gen) pending(f, t int, m app.Mode, countered bool) bool {
	if !g.canPend(f, t) {
		return false
	}
	o := g.offer(f, t, m)
	o.State, o.Turn = app.OfferPending, o.ToID
	if !countered {
		o.CreatedAt = g.ago(1, 5)
		o.UpdatedAt, o.ExpiresAt = o.CreatedAt, g.expiry(o.CreatedAt)
	} else {
		o.CreatedAt = g.ago(2, 5)
		at := o.CreatedAt.Add(time.Duration(6*60+g.rng.IntN(24*60)) * time.Minute)
		o.Turn, o.Rounds, o.AnsweredAt = o.FromID, 1, &at
		o.UpdatedAt, o.ExpiresAt = at, g.expiry(at)
	}
	o.Slots = g.slots(1+g.rng.IntN(app.MaxSlots), 2, 20, g.now)
	g.sent[f]++
	g.recv[t]++
	g.pairs[pairOf(f, t)] = true
	g.ds.Offers = append(g.ds.Offers, o)
	return true
}

// finished starts an offer from f to t that was sent between minDays
// and 25 days ago and has since left pending, with slots in the days
// after.
func (g *gen) finished(f, t int, m app.Mode, state app.OfferState, minDays int) app.Offer {
	o := g.offer(f, t, m)
	o.State = state
	o.CreatedAt = g.ago(minDays, 25)
	o.ExpiresAt = g.expiry(o.CreatedAt)
	d := g.dayOf(o.CreatedAt)
	o.Slots = g.slots(1+g.rng.IntN(app.MaxSlots), d+1, d+10, o.CreatedAt)
	return o
}

// declined adds an offer from f to t that t declined for reason.
func (g *gen) declined(f, t int, m app.Mode, reason string) {
	o := g.finished(f, t, m, app.OfferDeclined, 2)
	at := o.CreatedAt.Add(time.Duration(60+g.rng.IntN(47*60)) * time.Minute)
	o.Reason, o.Note = reason, declineNotes[g.rng.IntN(len(declineNotes))]
	o.AnsweredAt, o.UpdatedAt = &at, at
	g.ds.Offers = append(g.ds.Offers, o)
}

// withdrawn adds an offer from f to t that f withdrew.
func (g *gen) withdrawn(f, t int, m app.Mode) {
	o := g.finished(f, t, m, app.OfferWithdrawn, 2)
	o.UpdatedAt = o.CreatedAt.Add(time.Duration(60+g.rng.IntN(47*60)) * time.Minute)
	g.ds.Offers = append(g.ds.Offers, o)
}

// expired adds an offer from f to t that nobody answered in time.
func (g *gen) expired(f, t int, m app.Mode) {
	o := g.finished(f, t, m, app.OfferExpired, 8)
	o.UpdatedAt = o.ExpiresAt
	g.ds.Offers = append(g.ds.Offers, o)
}

// talkState draws the state of a talk in slot s: scheduled while it is
// to come, mostly held once it has ended. It returns "" while s is under
// way, which the generators avoid.
func (g *gen) talkState(s app.Slot) app.TalkState {
	r := g.rng.IntN(100)
	switch {
	case !s.End.After(g.base):
		switch {
		case r < 85:
			return app.TalkHeld
		case r < 93:
			return app.TalkCancelled
		default:
			return app.TalkNoShow
		}
	case s.Start.After(g.now):
		if r < 95 {
			return app.TalkScheduled
		}
		return app.TalkCancelled
	}
	return ""
}

// accepted adds an offer from f to t that was accepted for hour o'clock
// on day off, and its talk in state, and returns the talk's index. The
// state must fit the time: scheduled talks are to come, held and no-show
// ones have ended.
func (g *gen) accepted(f, t int, m app.Mode, off, hour int, state app.TalkState) int {
	chosen := g.slot(off, hour)
	o := g.offer(f, t, m)
	o.State = app.OfferAccepted
	o.CreatedAt = chosen.Start.Add(-time.Duration(2*1440+g.rng.IntN(6*1440)) * time.Minute)
	if latest := g.base.Add(-time.Hour); o.CreatedAt.After(latest) {
		o.CreatedAt = g.ago(0, 3).Add(-time.Hour)
	}
	if earliest := g.cohort.Begins().Add(9 * time.Hour).UTC(); o.CreatedAt.Before(earliest) {
		o.CreatedAt = earliest
	}
	o.ExpiresAt = g.expiry(o.CreatedAt)
	until := chosen.Start
	if g.base.Before(until) {
		until = g.base
	}
	at := g.within(o.CreatedAt, until)
	start := chosen.Start
	o.AnsweredAt, o.ChosenStart, o.UpdatedAt = &at, &start, at
	o.Slots = append(g.slots(g.rng.IntN(app.MaxSlots), off-4, off+4, o.CreatedAt), chosen)
	if hasStart(o.Slots[:len(o.Slots)-1], chosen.Start) {
		o.Slots = o.Slots[:len(o.Slots)-1]
	}
	sortSlots(o.Slots)
	o.TalkID = app.TalkIDFor(o.ID)
	g.ds.Offers = append(g.ds.Offers, o)

	k := app.Talk{
		ID: o.TalkID, OfferID: o.ID, CohortID: o.CohortID, AID: o.FromID, BID: o.ToID,
		Start: chosen.Start, End: chosen.End, Mode: m, Place: g.place(m, o.TalkID),
		State: state, CreatedAt: at, UpdatedAt: at,
		History: []app.TalkEvent{{At: at.UTC(), By: o.ToID, Kind: app.EventAgreed, Start: chosen.Start.UTC(), End: chosen.End.UTC()}},
	}
	switch state {
	case app.TalkHeld, app.TalkNoShow:
		k.UpdatedAt = k.End.Add(time.Duration(10+g.rng.IntN(48*60)) * time.Minute)
		if k.UpdatedAt.After(g.base) {
			k.UpdatedAt = g.base
		}
	case app.TalkCancelled:
		k.Reason = app.CancelReasons[g.rng.IntN(len(app.CancelReasons))]
		k.UpdatedAt = g.within(at, until)
		k.Sequence = 1
		k.History = append(k.History, app.TalkEvent{At: k.UpdatedAt.UTC(), By: o.FromID, Kind: app.EventCancelled, Reason: k.Reason})
	}
	g.ds.Talks = append(g.ds.Talks, k)
	return len(g.ds.Talks) - 1
}

// place is where a talk in mode m is held: a meeting link for online
// talks, a meeting place for in-person ones, nothing for the phone.
func (g *gen) place(m app.Mode, talkID string) string {
	switch m {
	case app.ModeOnline:
		return "https://meet.example.jp/ct-" + talkID[:8]
	case app.ModeInPerson:
		return places[g.rng.IntN(len(places))]
	}
	return ""
}

// survey adds author's survey of talk k, answered a little after it.
func (g *gen) survey(k int, author string) {
	t := g.ds.Talks[k]
	sat := 3 + g.rng.IntN(5)
	if g.rng.IntN(20) == 0 {
		sat = 1 + g.rng.IntN(2)
	}
	at := t.End.Add(time.Duration(5+g.rng.IntN(72*60)) * time.Minute)
	if at.After(g.base) {
		at = g.base
	}
	g.ds.Surveys = append(g.ds.Surveys, app.Survey{
		TalkID:       t.ID,
		AuthorID:     author,
		Satisfaction: sat,
		Recommend:    min(10, sat+1+g.rng.IntN(4)),
		Comment:      surveyComments[g.rng.IntN(len(surveyComments))],
		CreatedAt:    at,
	})
}

// bookmark adds owner's bookmark on target.
func (g *gen) bookmark(owner, target int) {
	g.ds.Bookmarks = append(g.ds.Bookmarks, app.Bookmark{
		OwnerID: g.ds.Participants[owner].ID, TargetID: g.ds.Participants[target].ID,
	})
}

// proposed has the side of talk k that is not DemoUser propose to move
// it to hour o'clock on day off, a little before now.
func (g *gen) proposed(k int, off, hour int) {
	t := &g.ds.Talks[k]
	by := t.Other(DemoUser)
	s := g.slot(off, hour)
	at := g.base.Add(-90 * time.Minute).UTC()
	if agreed := t.CreatedAt.Add(time.Minute); at.Before(agreed) {
		at = agreed.UTC()
	}
	t.Proposal = &app.TimeProposal{Start: s.Start.UTC(), End: s.End.UTC(), By: by, At: at}
	t.History = append(t.History, app.TalkEvent{At: at, By: by, Kind: app.EventTimeProposed, Start: s.Start.UTC(), End: s.End.UTC()})
	t.UpdatedAt = at
}
