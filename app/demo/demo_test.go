package demo

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/jtext"

	"github.com/google/uuid"
)

// nows are the clocks the tests run the generators at: a weekday
// morning, a Saturday just before midnight, New Year's Day at midnight,
// and the real clock.
func nows() []time.Time {
	return []time.Time{
		time.Date(2026, time.May, 11, 9, 30, 12, 345, app.Tokyo),
		time.Date(2026, time.May, 16, 23, 59, 59, 0, app.Tokyo),
		time.Date(2027, time.January, 1, 0, 0, 0, 0, app.Tokyo),
		time.Now(),
	}
}

func TestDemo(t *testing.T) {
	for _, now := range nows() {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			d := Demo(now)
			if !reflect.DeepEqual(d, Demo(now)) {
				t.Fatal("two calls gave different datasets")
			}
			if len(d.Companies) != 6 || len(d.Cohorts) != 2 || len(d.Participants) != 60 {
				t.Fatalf("%d companies, %d cohorts, %d participants; want 6, 2, 60",
					len(d.Companies), len(d.Cohorts), len(d.Participants))
			}
			industries := map[string]bool{}
			for _, c := range d.Companies {
				industries[c.Industry] = true
			}
			if len(industries) != 6 {
				t.Errorf("%d industries, want 6", len(industries))
			}
			roles := map[app.Role]int{}
			for _, p := range d.Participants {
				roles[p.Role]++
			}
			if roles[app.RoleHR] != 6 || roles[app.RoleSecretariat] != 1 {
				t.Errorf("roles %v, want 6 hr and 1 secretariat", roles)
			}
			states := map[app.OfferState]int{}
			for _, o := range d.Offers {
				states[o.State]++
			}
			for _, s := range []app.OfferState{app.OfferPending, app.OfferAccepted, app.OfferDeclined, app.OfferWithdrawn, app.OfferExpired} {
				if states[s] < 2 {
					t.Errorf("%d offers %s, want a few", states[s], s)
				}
			}
			talks := map[app.TalkState]int{}
			for _, k := range d.Talks {
				talks[k.State]++
			}
			if talks[app.TalkScheduled] < 3 || talks[app.TalkHeld] < 2 || talks[app.TalkCancelled] != 1 || talks[app.TalkNoShow] != 1 {
				t.Errorf("talks %v, want scheduled, held, one cancelled, one no_show", talks)
			}
			check(t, d, now)
			checkDemoUser(t, d, now)
		})
	}
}

func TestScale(t *testing.T) {
	const n = 2000
	for _, now := range nows() {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			d := Scale(n, now)
			if !reflect.DeepEqual(d, Scale(n, now)) {
				t.Fatal("two calls gave different datasets")
			}
			if len(d.Companies) != 30 || len(d.Participants) != n || len(d.Offers) != 2*n || len(d.Talks) != n {
				t.Fatalf("%d companies, %d participants, %d offers, %d talks; want 30, %d, %d, %d",
					len(d.Companies), len(d.Participants), len(d.Offers), len(d.Talks), n, 2*n, n)
			}
			if len(d.Surveys) == 0 || len(d.Bookmarks) == 0 {
				t.Errorf("%d surveys, %d bookmarks; want some", len(d.Surveys), len(d.Bookmarks))
			}
			check(t, d, now)
		})
	}
}

func TestScaleSmall(t *testing.T) {
	now := nows()[0]
	for _, n := range []int{-1, 0, 1, 31, 40} {
		d := Scale(n, now)
		if len(d.Participants) != max(n, 0) {
			t.Errorf("Scale(%d): %d participants", n, len(d.Participants))
		}
		check(t, d, now)
	}
}

func BenchmarkScale10000(b *testing.B) {
	now := time.Now()
	for b.Loop() {
		Scale(10000, now)
	}
}

// checkDemoUser checks the situation DemoUser is promised.
func checkDemoUser(t *testing.T, d app.Dataset, now time.Time) {
	t.Helper()
	var me *app.Participant
	for i := range d.Participants {
		if d.Participants[i].ID == DemoUser {
			me = &d.Participants[i]
		}
	}
	if me == nil {
		t.Fatal("DemoUser is not a participant")
	}
	if me.Role != app.RoleParticipant || !me.Visible {
		t.Errorf("DemoUser is %s, visible %v", me.Role, me.Visible)
	}
	var waiting, sent, accepted, declined int
	for _, o := range d.Offers {
		switch {
		case o.State == app.OfferPending && o.Turn == DemoUser:
			waiting++
		case o.State == app.OfferPending && o.FromID == DemoUser:
			sent++
		}
		if o.FromID == DemoUser || o.ToID == DemoUser {
			switch o.State {
			case app.OfferAccepted:
				accepted++
			case app.OfferDeclined:
				declined++
			}
		}
	}
	surveyed := map[string]bool{}
	for _, s := range d.Surveys {
		if s.AuthorID == DemoUser {
			surveyed[s.TalkID] = true
		}
	}
	var coming, unanswered, answered int
	for _, k := range d.Talks {
		switch {
		case !k.Has(DemoUser):
		case k.State == app.TalkScheduled && k.Start.After(now) && k.Start.Before(now.AddDate(0, 0, 21)):
			coming++
		case k.State == app.TalkHeld && surveyed[k.ID]:
			answered++
		case k.State == app.TalkHeld:
			unanswered++
		}
	}
	if waiting < 2 || sent < 1 || accepted < 1 || declined < 1 {
		t.Errorf("DemoUser's offers: %d waiting, %d sent pending, %d accepted, %d declined", waiting, sent, accepted, declined)
	}
	if coming < 3 || unanswered < 1 || answered < 1 {
		t.Errorf("DemoUser's talks: %d coming, %d held without survey, %d held with survey", coming, unanswered, answered)
	}
	var marks int
	for _, b := range d.Bookmarks {
		if b.OwnerID == DemoUser {
			marks++
		}
	}
	if marks != 3 {
		t.Errorf("DemoUser has %d bookmarks, want 3", marks)
	}
}

// check checks the invariants of the domain on d at now.
func check(t *testing.T, d app.Dataset, now time.Time) {
	t.Helper()
	ids := map[string]bool{}
	id := func(what, s string) {
		t.Helper()
		if u, err := uuid.Parse(s); err != nil || len(s) != 36 || u.String() != s {
			t.Errorf("%s id %q is not a lowercase UUID", what, s)
		}
		if ids[s] {
			t.Errorf("%s id %s is used twice", what, s)
		}
		ids[s] = true
	}
	past := func(what string, ts time.Time) {
		t.Helper()
		if ts.IsZero() || ts.After(now) {
			t.Errorf("%s %s is not in the past of %s", what, ts, now)
		}
	}

	companies := map[string]app.Company{}
	for _, c := range d.Companies {
		id("company", c.ID)
		if c.Name == "" || c.Industry == "" {
			t.Errorf("company %s has no name or industry", c.ID)
		}
		companies[c.ID] = c
	}
	// The first cohort is the current round; the demo adds the previous
	// one (previousRound), checked by TestDemoProgrammeRound.
	if len(d.Cohorts) < 1 {
		t.Fatal("no cohort")
	}
	c := d.Cohorts[0]
	cohorts := map[string]app.Cohort{}
	for _, x := range d.Cohorts {
		id("cohort", x.ID)
		cohorts[x.ID] = x
		if x.State != app.CohortOpen || x.Rules != app.DefaultRules || !x.OpenAt(now) || x.Name == "" {
			t.Errorf("cohort %+v", x)
		}
	}
	today := app.StartOfDay(now)
	if !c.StartsOn.Equal(today.AddDate(0, 0, -30)) || !c.EndsOn.Equal(today.AddDate(0, 0, 120)) ||
		c.StartsOn.Location() != app.Tokyo {
		t.Errorf("cohort %+v", c)
	}
	length := c.Rules.TalkLength()
	inCohort := func(what, cohort string, s app.Slot) {
		t.Helper()
		c := cohorts[cohort]
		h := s.Start.In(app.Tokyo)
		if s.Start.Before(c.Begins()) || s.End.After(c.Ends()) || !s.End.Equal(s.Start.Add(length)) ||
			h.Hour() < 10 || h.Hour() > 17 || h.Minute() != 0 || h.Second() != 0 || h.Nanosecond() != 0 {
			t.Errorf("%s slot %s–%s is not an hour on the hour in %s–%s", what, s.Start, s.End, c.Begins(), c.Ends())
		}
	}

	people := map[string]app.Participant{}
	for _, p := range d.Participants {
		id("participant", p.ID)
		people[p.ID] = p
		if _, ok := companies[p.CompanyID]; !ok {
			t.Errorf("participant %s: unknown company %s", p.ID, p.CompanyID)
		}
		family, given, ok := strings.Cut(p.Name, " ")
		kf, kg, kok := strings.Cut(p.Kana, " ")
		if !ok || !kok || family == "" || given == "" || kf == "" || kg == "" || !jtext.IsKana(p.Kana) {
			t.Errorf("participant %s: name %q, kana %q", p.ID, p.Name, p.Kana)
		}
		if !p.AgeBand.Valid() || !p.Role.Valid() || p.JobRole == "" || p.Intro == "" || p.Interests == "" || p.FreeTimes == "" {
			t.Errorf("participant %s: profile %+v", p.ID, p)
		}
		if len(p.Themes) < 2 || len(p.Themes) > 4 || len(slices.Compact(slices.Sorted(slices.Values(p.Themes)))) != len(p.Themes) {
			t.Errorf("participant %s: themes %v", p.ID, p.Themes)
		}
		if len(p.Modes) == 0 || len(slices.Compact(slices.Clone(p.Modes))) != len(p.Modes) {
			t.Errorf("participant %s: modes %v", p.ID, p.Modes)
		}
		for _, m := range p.Modes {
			if !m.Valid() {
				t.Errorf("participant %s: mode %q", p.ID, m)
			}
		}
		if len(p.Cohorts) == 0 || p.Cohorts[0] != c.ID || len(slices.Compact(slices.Sorted(slices.Values(p.Cohorts)))) != len(p.Cohorts) {
			t.Errorf("participant %s: cohorts %v", p.ID, p.Cohorts)
		}
		for _, x := range p.Cohorts {
			if _, ok := cohorts[x]; !ok {
				t.Errorf("participant %s: unknown cohort %s", p.ID, x)
			}
		}
	}
	// sides checks that an offer or talk joins two participants of
	// different companies, and returns them.
	sides := func(what, a, b string) (app.Participant, app.Participant) {
		t.Helper()
		pa, oka := people[a]
		pb, okb := people[b]
		if !oka || !okb {
			t.Errorf("%s: unknown participant %s or %s", what, a, b)
		} else if pa.CompanyID == pb.CompanyID {
			t.Errorf("%s: %s and %s are both in company %s", what, a, b, pa.CompanyID)
		}
		return pa, pb
	}

	talks := map[string]app.Talk{}
	for _, k := range d.Talks {
		id("talk", k.ID)
		talks[k.ID] = k
	}
	sent, received := map[string]int{}, map[string]int{}
	pairs := map[[2]string]bool{}
	accepted := 0
	for _, o := range d.Offers {
		id("offer", o.ID)
		what := "offer " + o.ID
		from, to := sides(what, o.FromID, o.ToID)
		if from.Role != app.RoleParticipant || to.Role != app.RoleParticipant || !to.Visible || !to.Accepts(o.Mode) || !from.Accepts(o.Mode) {
			t.Errorf("%s: from %s (%s) to %s (%s, visible %v, modes %v) in %s", what, from.ID, from.Role, to.ID, to.Role, to.Visible, to.Modes, o.Mode)
		}
		oc, ok := cohorts[o.CohortID]
		if !ok || !people[o.FromID].InCohort(oc.ID) || !people[o.ToID].InCohort(oc.ID) {
			t.Errorf("%s: cohort %s unknown, or not both sides'", what, o.CohortID)
		}
		if o.Message == "" || len(o.Slots) < 1 || len(o.Slots) > app.MaxSlots {
			t.Errorf("%s: cohort %s, message %q, %d slots", what, o.CohortID, o.Message, len(o.Slots))
		}
		past(what+" created", o.CreatedAt)
		past(what+" updated", o.UpdatedAt)
		if o.CreatedAt.Before(oc.Begins()) || o.UpdatedAt.Before(o.CreatedAt) || !o.ExpiresAt.After(o.CreatedAt) {
			t.Errorf("%s: created %s, updated %s, expires %s", what, o.CreatedAt, o.UpdatedAt, o.ExpiresAt)
		}
		if o.AnsweredAt != nil {
			past(what+" answered", *o.AnsweredAt)
			if !o.AnsweredAt.After(o.CreatedAt) || !o.AnsweredAt.Before(o.ExpiresAt) {
				t.Errorf("%s: answered %s, created %s, expires %s", what, *o.AnsweredAt, o.CreatedAt, o.ExpiresAt)
			}
		}
		for i, s := range o.Slots {
			inCohort(what, o.CohortID, s)
			if !s.Start.After(o.CreatedAt) || i > 0 && !s.Start.After(o.Slots[i-1].Start) {
				t.Errorf("%s: slot %s before creation %s or out of order", what, s.Start, o.CreatedAt)
			}
		}
		if o.State != app.OfferPending && o.Turn != "" {
			t.Errorf("%s: %s with turn %q", what, o.State, o.Turn)
		}
		if o.State != app.OfferAccepted && (o.TalkID != "" || o.ChosenStart != nil) {
			t.Errorf("%s: %s with talk %q", what, o.State, o.TalkID)
		}
		switch o.State {
		case app.OfferPending:
			if !o.ExpiresAt.After(now) || o.ExpiresAt.After(oc.Ends()) {
				t.Errorf("%s: pending, expires %s", what, o.ExpiresAt)
			}
			if !(o.Rounds == 0 && o.Turn == o.ToID && o.AnsweredAt == nil ||
				o.Rounds == 1 && o.Turn == o.FromID && o.AnsweredAt != nil && o.ExpiresAt.Equal(o.AnsweredAt.AddDate(0, 0, c.Rules.OfferExpiryDays))) {
				t.Errorf("%s: pending, rounds %d, turn %s", what, o.Rounds, o.Turn)
			}
			if o.Rounds == 0 && !o.ExpiresAt.Equal(o.CreatedAt.AddDate(0, 0, c.Rules.OfferExpiryDays)) {
				t.Errorf("%s: created %s, expires %s", what, o.CreatedAt, o.ExpiresAt)
			}
			for _, s := range o.Slots {
				if !s.Start.After(now) {
					t.Errorf("%s: pending with past slot %s", what, s.Start)
				}
			}
			sent[o.FromID]++
			received[o.ToID]++
			pair := [2]string{min(o.FromID, o.ToID), max(o.FromID, o.ToID)}
			if pairs[pair] {
				t.Errorf("%s: a second pending offer between %s and %s", what, o.FromID, o.ToID)
			}
			pairs[pair] = true
		case app.OfferAccepted:
			accepted++
			if o.TalkID != app.TalkIDFor(o.ID) || o.ChosenStart == nil || o.AnsweredAt == nil {
				t.Errorf("%s: accepted, talk %q, chosen %v, answered %v", what, o.TalkID, o.ChosenStart, o.AnsweredAt)
				continue
			}
			if !hasSlot(o.Slots, *o.ChosenStart) || !o.ChosenStart.After(*o.AnsweredAt) {
				t.Errorf("%s: chose %s, not a proposed time after the answer %s", what, *o.ChosenStart, *o.AnsweredAt)
			}
			k, ok := talks[o.TalkID]
			if !ok {
				t.Errorf("%s: no talk %s", what, o.TalkID)
				continue
			}
			if k.OfferID != o.ID || k.AID != o.FromID || k.BID != o.ToID || k.CohortID != o.CohortID ||
				k.Mode != o.Mode || !k.Start.Equal(*o.ChosenStart) || !k.CreatedAt.Equal(*o.AnsweredAt) {
				t.Errorf("%s: talk %+v does not match", what, k)
			}
		case app.OfferDeclined:
			if !slices.Contains(app.DeclineReasons, o.Reason) || o.AnsweredAt == nil {
				t.Errorf("%s: declined, reason %q, answered %v", what, o.Reason, o.AnsweredAt)
			}
		case app.OfferWithdrawn:
		case app.OfferExpired:
			if o.ExpiresAt.After(now) || o.AnsweredAt != nil {
				t.Errorf("%s: expired, expires %s", what, o.ExpiresAt)
			}
		default:
			t.Errorf("%s: state %q", what, o.State)
		}
	}
	for p, n := range sent {
		if n > c.Rules.MaxPendingSent {
			t.Errorf("%s has %d pending offers sent", p, n)
		}
	}
	for p, n := range received {
		if n > c.Rules.MaxPendingReceived {
			t.Errorf("%s has %d pending offers received", p, n)
		}
	}
	if accepted != len(d.Talks) {
		t.Errorf("%d accepted offers, %d talks", accepted, len(d.Talks))
	}

	for _, k := range d.Talks {
		what := "talk " + k.ID
		sides(what, k.AID, k.BID)
		inCohort(what, k.CohortID, app.Slot{Start: k.Start, End: k.End})
		past(what+" created", k.CreatedAt)
		past(what+" updated", k.UpdatedAt)
		if k.UpdatedAt.Before(k.CreatedAt) || k.Replaces != "" {
			t.Errorf("%s: created %s, updated %s, replaces %q", what, k.CreatedAt, k.UpdatedAt, k.Replaces)
		}
		switch k.State {
		case app.TalkScheduled:
			if !k.Start.After(now) {
				t.Errorf("%s: scheduled at %s", what, k.Start)
			}
		case app.TalkHeld, app.TalkNoShow:
			if k.End.After(now) || k.UpdatedAt.Before(k.End) {
				t.Errorf("%s: %s, ends %s, updated %s", what, k.State, k.End, k.UpdatedAt)
			}
		case app.TalkCancelled:
			if !slices.Contains(app.CancelReasons, k.Reason) {
				t.Errorf("%s: cancelled for %q", what, k.Reason)
			}
		default:
			t.Errorf("%s: state %q", what, k.State)
		}
		if k.State != app.TalkCancelled && k.Reason != "" {
			t.Errorf("%s: %s with reason %q", what, k.State, k.Reason)
		}
		switch k.Mode {
		case app.ModeOnline:
			if !strings.HasPrefix(k.Place, "https://meet.example.jp/") {
				t.Errorf("%s: online at %q", what, k.Place)
			}
		case app.ModeInPerson:
			if k.Place == "" || strings.HasPrefix(k.Place, "http") {
				t.Errorf("%s: in person at %q", what, k.Place)
			}
		case app.ModePhone:
			if k.Place != "" {
				t.Errorf("%s: by phone at %q", what, k.Place)
			}
		default:
			t.Errorf("%s: mode %q", what, k.Mode)
		}
	}

	answered := map[[2]string]bool{}
	for _, s := range d.Surveys {
		k, ok := talks[s.TalkID]
		what := "survey of " + s.TalkID + " by " + s.AuthorID
		if !ok || k.State != app.TalkHeld || !k.Has(s.AuthorID) {
			t.Errorf("%s: talk %+v", what, k)
		}
		if s.Satisfaction < 1 || s.Satisfaction > 7 || s.Recommend < 0 || s.Recommend > 10 {
			t.Errorf("%s: satisfaction %d, recommend %d", what, s.Satisfaction, s.Recommend)
		}
		past(what, s.CreatedAt)
		if s.CreatedAt.Before(k.End) {
			t.Errorf("%s: answered %s before the end %s", what, s.CreatedAt, k.End)
		}
		key := [2]string{s.TalkID, s.AuthorID}
		if answered[key] {
			t.Errorf("%s: answered twice", what)
		}
		answered[key] = true
	}

	marked := map[app.Bookmark]bool{}
	for _, b := range d.Bookmarks {
		_, target := sides("bookmark", b.OwnerID, b.TargetID)
		if !target.Visible || marked[b] {
			t.Errorf("bookmark %+v: target invisible or bookmarked twice", b)
		}
		marked[b] = true
	}
}

func hasSlot(slots []app.Slot, start time.Time) bool {
	for _, s := range slots {
		if s.Start.Equal(start) {
			return true
		}
	}
	return false
}

func TestDemoUserID(t *testing.T) {
	if id := newID("demo/participant", 0); id != DemoUser {
		t.Errorf("DemoUser = %s, but Demo makes seat 0 %s", DemoUser, id)
	}
	if p := Demo(time.Now()).Participants[0]; p.ID != DemoUser || p.Name != "田中 誠" || p.Kana != "タナカ マコト" {
		t.Errorf("seat 0 is %s %s (%s)", p.ID, p.Name, p.Kana)
	}
}

func TestNewID(t *testing.T) {
	for _, kind := range []string{"demo/participant", "scale/offer", "a-kind-whose-name-is-much-longer-than-usual/x/y/z"} {
		for _, i := range []int{0, 7, 123456789} {
			want := uuid.NewSHA1(space, []byte(kind+"/"+strconv.Itoa(i))).String()
			if got := newID(kind, i); got != want {
				t.Errorf("newID(%q, %d) = %s, want %s", kind, i, got, want)
			}
		}
	}
}

// The demo's devices: the same every time; none for staff; every person
// who sent, answered or wrote a survey signed in before they did; some
// participants have not joined.
func TestDemoDevices(t *testing.T) {
	for _, now := range nows() {
		d := Demo(now)
		devices := Devices(d)
		if !reflect.DeepEqual(devices, Devices(d)) {
			t.Fatal("two calls gave different devices")
		}
		joined := map[string]time.Time{}
		for _, dev := range devices {
			if _, twice := joined[dev.ParticipantID]; twice {
				t.Errorf("%s has two devices", dev.ParticipantID)
			}
			if dev.Name == "" || dev.CreatedAt.After(now) {
				t.Errorf("device %+v", dev)
			}
			joined[dev.ParticipantID] = dev.CreatedAt
		}
		participants := 0
		for _, p := range d.Participants {
			if app.CountsAsParticipant(p.Role) {
				participants++
			} else if _, ok := joined[p.ID]; ok {
				t.Errorf("the %s account %s has a device", p.Role, p.ID)
			}
		}
		if len(devices) == 0 || len(devices) >= participants {
			t.Errorf("%d of %d participants joined", len(devices), participants)
		}
		before := func(who string, at time.Time, what string) {
			j, ok := joined[who]
			if !ok || !j.Before(at) {
				t.Errorf("%s %s at %v but signed in at %v (%v)", who, what, at, j, ok)
			}
		}
		for _, o := range d.Offers {
			before(o.FromID, o.CreatedAt, "sent an offer")
			if o.AnsweredAt != nil {
				before(o.ToID, *o.AnsweredAt, "answered an offer")
			}
		}
		for _, s := range d.Surveys {
			before(s.AuthorID, s.CreatedAt, "wrote a survey")
		}
	}
}
