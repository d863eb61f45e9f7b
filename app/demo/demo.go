// Package demo generates consortia for the demo mode and for benchmarks:
// companies, an open cohort, participants, offers in every state, talks,
// surveys and bookmarks that keep every rule of the domain.
//
// The generators are deterministic. They draw from a random source with a
// fixed seed and make their ids as name-based UUIDs, so the same arguments
// give the same dataset, down to the ids.
package demo

import (
	"fmt"
	"slices"
	"time"

	"crosstalk/app"
)

// DemoUser is the id of the participant the demo app signs in as: 田中 誠
// (タナカ マコト) of 株式会社みなと精工. Demo gives them offers waiting for
// their answer, offers they sent, talks to come, and past talks with and
// without their survey.
const DemoUser = "9f672302-1ddb-5a74-9d7a-318563cc626e"

// Demo company and participant layout: ten people per company, the last
// of them its HR contact; the first company's ninth is the secretariat.
const (
	perCompany  = 10
	hrSeat      = 9
	secretariat = 8
)

// hidden are the demo participants who have not opted in to be seen.
var hidden = []int{17, 36, 58}

// Demo returns the demo consortium as of now: 6 companies in different
// industries, 60 participants, the open cohort of the current round and
// the previous round, which ends in three days and whose programme survey
// is under way (previousRound).
func Demo(now time.Time) app.Dataset {
	g := newGen("demo", now)
	for i, c := range demoCompanies {
		g.ds.Companies = append(g.ds.Companies, app.Company{
			ID: newID("demo/company", i), Name: c.name, Industry: c.industry,
		})
	}
	g.demoPeople()
	g.demoUserStory()
	g.demoOthers()
	g.demoIntroduction()
	g.previousRound()
	g.ds.EmployeeNos = map[string]string{}
	for i, p := range g.ds.Participants {
		g.ds.EmployeeNos[p.ID] = fmt.Sprintf("%c%05d", 'A'+rune(i/perCompany), 1001+i%perCompany)
	}
	return g.ds
}

// seat is the index of the k-th person of demo company c.
func seat(c, k int) int { return c*perCompany + k }

// demoPeople adds ten participants to each demo company, with distinct
// names.
func (g *gen) demoPeople() {
	me := fullName(families[3], givens[1]) // 田中 誠
	used := map[string]bool{me.kanji: true}
	for c := range demoCompanies {
		for k := range perCompany {
			i := seat(c, k)
			name := me
			if i != 0 {
				for used[name.kanji] {
					name = fullName(families[g.rng.IntN(len(families))], givens[g.rng.IntN(len(givens))])
				}
				used[name.kanji] = true
			}
			role := app.RoleParticipant
			switch {
			case k == hrSeat:
				role = app.RoleHR
			case c == 0 && k == secretariat:
				role = app.RoleSecretariat
			}
			p := g.person(i, c, name, role)
			p.Visible = role == app.RoleParticipant && !contains(hidden, i)
			g.ds.Participants = append(g.ds.Participants, p)
		}
	}
	u := &g.ds.Participants[0]
	u.AgeBand, u.JobRole = "55-59", "生産管理部長"
	u.Themes = []string{"セカンドキャリア", "学び直し", "後進育成"}
	u.Interests = "家庭菜園、登山、歴史散策"
	u.Intro = "みなと精工で30年近く生産管理に携わり、現在は生産管理部の部長を務めています。" +
		"定年後も見据えたセカンドキャリアや後進の育成について、他社の方と意見交換したいと考えています。" +
		"休日は家庭菜園と山歩きを楽しんでいます。"
	u.Modes = []app.Mode{app.ModeOnline, app.ModePhone, app.ModeInPerson}
	u.FreeTimes = "火曜・木曜の午後"
	u.FreeWeek = freeWeek([]string{"tue-afternoon", "thu-afternoon"})
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// demoUserStory gives DemoUser (seat 0) their offers, talks, surveys and
// bookmarks.
func (g *gen) demoUserStory() {
	const u = 0
	// mode is pref, which DemoUser takes; the other side is made to
	// take it too, so that the demo shows every mode.
	mode := func(other int, pref app.Mode) app.Mode {
		p := &g.ds.Participants[other]
		if !p.Accepts(pref) {
			p.Modes = append(p.Modes, pref)
			slices.SortFunc(p.Modes, func(a, b app.Mode) int {
				return slices.Index(app.Modes, a) - slices.Index(app.Modes, b)
			})
		}
		return pref
	}
	pend := func(f, t int, pref app.Mode, countered bool) {
		other := f
		if f == u {
			other = t
		}
		if !g.pending(f, t, mode(other, pref), countered) {
			panic("demo: DemoUser's pending offers break the rules")
		}
	}
	// Waiting for DemoUser: two new offers and a counter-proposal.
	pend(seat(1, 0), u, app.ModeOnline, false)
	pend(seat(2, 1), u, app.ModeOnline, false)
	pend(u, seat(4, 1), app.ModeOnline, true)
	// Waiting for the other side.
	pend(u, seat(5, 0), app.ModeInPerson, false)

	// Talks to come in the next three weeks.
	online := g.accepted(u, seat(1, 1), mode(seat(1, 1), app.ModeOnline), g.workday(2, 2, 6), 15, app.TalkScheduled)
	k := g.accepted(seat(2, 2), u, mode(seat(2, 2), app.ModeInPerson), g.workday(6, 6, 10), 14, app.TalkScheduled)
	g.proposed(k, g.workday(8, 8, 12), 10) // the other side asks to move it
	g.demoThreads(online, k)
	g.accepted(u, seat(5, 1), mode(seat(5, 1), app.ModePhone), g.workday(12, 12, 16), 10, app.TalkScheduled)

	// Held talks: the recent one still waits for DemoUser's survey.
	k = g.accepted(seat(3, 1), u, mode(seat(3, 1), app.ModeOnline), g.workday(-3, -7, -1), 16, app.TalkHeld)
	g.survey(k, g.ds.Participants[seat(3, 1)].ID)
	k = g.accepted(u, seat(4, 0), mode(seat(4, 0), app.ModeInPerson), g.workday(-10, -14, -8), 13, app.TalkHeld)
	g.survey(k, DemoUser)
	g.survey(k, g.ds.Participants[seat(4, 0)].ID)

	// Finished offers.
	g.declined(u, seat(3, 3), mode(seat(3, 3), app.ModeOnline), "schedule")
	g.declined(seat(4, 2), u, mode(seat(4, 2), app.ModeOnline), "theme")
	g.withdrawn(u, seat(2, 4), mode(seat(2, 4), app.ModePhone))
	g.expired(seat(5, 2), u, mode(seat(5, 2), app.ModeOnline))

	for _, t := range []int{seat(1, 3), seat(3, 4), seat(5, 3)} {
		g.bookmark(u, t)
	}
}

// demoOthers adds offers, talks, surveys and bookmarks among the other
// participants, a few of each kind.
func (g *gen) demoOthers() {
	var senders, recipients []int
	for i, p := range g.ds.Participants {
		if i == 0 || p.Role != app.RoleParticipant {
			continue
		}
		senders = append(senders, i)
		if p.Visible {
			recipients = append(recipients, i)
		}
	}
	// repeat runs add until it has added n rows, or given up.
	repeat := func(n int, add func(f, t int, m app.Mode) bool) {
		for try := 0; n > 0 && try < 100*n; try++ {
			if f, t, m, ok := g.pick(senders, recipients); ok && add(f, t, m) {
				n--
			}
		}
	}
	talk := func(lo, hi int, state app.TalkState, surveys bool) func(f, t int, m app.Mode) bool {
		return func(f, t int, m app.Mode) bool {
			off := g.workday(lo+g.rng.IntN(hi-lo+1), lo, hi)
			k := g.accepted(f, t, m, off, 10+g.rng.IntN(8), state)
			for _, who := range []string{g.ds.Talks[k].AID, g.ds.Talks[k].BID} {
				if surveys && g.rng.IntN(10) < 7 {
					g.survey(k, who)
				}
			}
			return true
		}
	}
	repeat(10, func(f, t int, m app.Mode) bool { return g.pending(f, t, m, g.rng.IntN(4) == 0) })
	repeat(8, talk(1, 20, app.TalkScheduled, false))
	repeat(8, talk(-28, -1, app.TalkHeld, true))
	repeat(1, talk(3, 10, app.TalkCancelled, false))
	repeat(1, talk(-20, -2, app.TalkNoShow, false))
	repeat(5, func(f, t int, m app.Mode) bool {
		g.declined(f, t, m, app.DeclineReasons[g.rng.IntN(len(app.DeclineReasons))])
		return true
	})
	repeat(3, func(f, t int, m app.Mode) bool { g.withdrawn(f, t, m); return true })
	repeat(4, func(f, t int, m app.Mode) bool { g.expired(f, t, m); return true })

	seen := map[[2]int]bool{}
	repeat(12, func(f, t int, _ app.Mode) bool {
		if seen[[2]int{f, t}] {
			return false
		}
		seen[[2]int{f, t}] = true
		g.bookmark(f, t)
		return true
	})
}
