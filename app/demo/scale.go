package demo

import (
	"time"

	"crosstalk/app"
)

// scaleCompanies is how many companies Scale makes.
const scaleCompanies = 30

// Scale returns a large consortium for benchmarks: n participants over
// about 30 companies, one open cohort, 2n offers and n talks, some
// surveys and bookmarks. Same n and now, same output.
//
// Participant i belongs to company i mod 30; the first of each company is
// its HR contact and participant 30 is the secretariat. Offers need
// participants of two companies, so a small n (below about a hundred)
// gives fewer than 2n offers, and one below about 35 gives none.
func Scale(n int, now time.Time) app.Dataset {
	g := newGen("scale", now)
	n = max(n, 0)
	g.ds.Companies = make([]app.Company, scaleCompanies)
	for i := range g.ds.Companies {
		g.ds.Companies[i] = scaleCompany(i)
	}
	g.ds.Participants = make([]app.Participant, 0, n)
	g.comp, g.sent, g.recv = make([]int, 0, n), make([]int, 0, n), make([]int, 0, n)
	var senders, recipients []int
	for i := range n {
		role := app.RoleParticipant
		switch {
		case i < scaleCompanies:
			role = app.RoleHR
		case i == scaleCompanies:
			role = app.RoleSecretariat
		}
		name := fullName(families[g.rng.IntN(len(families))], givens[g.rng.IntN(len(givens))])
		p := g.person(i, i%scaleCompanies, name, role)
		if role == app.RoleParticipant {
			p.Visible = g.rng.IntN(100) < 92
			senders = append(senders, i)
			if p.Visible {
				recipients = append(recipients, i)
			}
		}
		g.ds.Participants = append(g.ds.Participants, p)
	}

	g.ds.Offers = make([]app.Offer, 0, 2*n)
	g.ds.Talks = make([]app.Talk, 0, n)
	for range n {
		f, t, m, ok := g.pick(senders, recipients)
		if !ok {
			break
		}
		slot, state := g.scaleSlot()
		k := g.accepted(f, t, m, g.dayOf(slot.Start), slot.Start.In(app.Tokyo).Hour(), state)
		if state == app.TalkHeld {
			for _, who := range []string{g.ds.Talks[k].AID, g.ds.Talks[k].BID} {
				if g.rng.IntN(4) != 0 {
					g.survey(k, who)
				}
			}
		}
	}
	for range n {
		f, t, m, ok := g.pick(senders, recipients)
		if !ok {
			break
		}
		switch r := g.rng.IntN(100); {
		case r < 10 && g.pending(f, t, m, r < 3):
		case r < 45:
			g.declined(f, t, m, app.DeclineReasons[g.rng.IntN(len(app.DeclineReasons))])
		case r < 65:
			g.withdrawn(f, t, m)
		default:
			g.expired(f, t, m)
		}
	}

	seen := make(map[[2]int]bool, n/2)
	for range n / 2 {
		f, t, _, ok := g.pick(senders, recipients)
		if !ok {
			break
		}
		if !seen[[2]int{f, t}] {
			seen[[2]int{f, t}] = true
			g.bookmark(f, t)
		}
	}
	return g.ds
}

// scaleCompany is company i of Scale: a stem and the word of its
// industry, 株式会社 before or after.
func scaleCompany(i int) app.Company {
	ind := industries[i%len(industries)]
	name := companyStems[i%len(companyStems)] + ind.name
	if i%2 == 0 {
		name = "株式会社" + name
	} else {
		name += "株式会社"
	}
	return app.Company{ID: newID("scale/company", i), Name: name, Industry: ind.industry}
}

// scaleSlot draws a talk's slot anywhere in the cohort period, on a
// weekday between 10:00 and 18:00, and the state it is in; it skips
// slots under way at now.
func (g *gen) scaleSlot() (app.Slot, app.TalkState) {
	for {
		off := g.workday(firstDay+g.rng.IntN(lastDay-firstDay+1), firstDay, lastDay)
		s := g.slot(off, 10+g.rng.IntN(8))
		if state := g.talkState(s); state != "" {
			return s, state
		}
	}
}
