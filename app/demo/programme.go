package demo

import (
	"time"

	"crosstalk/app"
)

// The demo's previous round (issue 18): a programme that ends three days
// from now, so that its programme survey has been open for three days,
// with the answers a dashboard needs to show every figure. Its members are
// every participant. In each company, DemoUser aside (below):
//   - the member of the lowest seat joined late and has no "before";
//   - in every company but the first, the member of the highest seat held
//     no talk in the round (so is never asked), and the one below has not
//     answered the survey yet (so is asked, and reminded later);
//   - everyone else answered the "before" at joining, held talks, and
//     answered the programme survey with its "after".
//
// So each company has at least six people with both a "before" and an
// "after", and at least seven programme surveys.
//
// DemoUser, added last so that everyone else's rows stay as they were,
// answered the "before" at joining and held one talk in the round (its
// talk survey answered), and has not answered the programme survey yet:
// the demo's inbox asks for it, beside the current round's "before".

// demoUserRoundDay is the day of DemoUser's talk in the previous round,
// from today.
const demoUserRoundDay = -60

// Day offsets of the previous round, from today.
const (
	roundFirstDay = -176
	roundLastDay  = 3
	// Its talks fall before the current round's first day.
	roundTalksFrom, roundTalksTo = -170, -35
)

// insights and nextSteps are the free answers of the demo's programme
// surveys; an empty one is an answer left blank.
var insights = []string{
	"他社の方も同じ悩みを抱えていると知り、気持ちが楽になりました。",
	"自分の経験が、社外では思った以上に役立つと気づきました。",
	"業界が違っても、部下の育て方の悩みは共通だと分かりました。",
	"定年後の働き方を、具体的に考えるきっかけになりました。",
	"",
	"話すことで、自分のやりたいことが整理されました。",
}

var nextSteps = []string{
	"社内で、部署を越えた勉強会を開いてみます。",
	"資格の勉強を始めます。",
	"対話した方に紹介された本を読み、感想を伝えます。",
	"",
	"副業の制度について、人事に相談してみます。",
	"次の期にも参加し、もっと多くの業界の方と話したいです。",
}

// member is a member of the previous round other than DemoUser: their
// seat i, company c and place k in it, and what they did.
type member struct {
	i, c, k            int
	late, noTalk, open bool
}

// previousRound adds the previous round, its members, their talks and
// their answers. It runs after everything else, so that the current
// round's rows are what they were before it was added.
func (g *gen) previousRound() {
	t := g.today
	start := app.Date(t.Year(), t.Month(), t.Day()+roundFirstDay)
	round := app.Cohort{
		ID:       newID(g.kind+"/cohort", 1),
		Name:     cohortName(start),
		StartsOn: start,
		EndsOn:   app.Date(t.Year(), t.Month(), t.Day()+roundLastDay),
		State:    app.CohortOpen,
		Rules:    app.DefaultRules,
	}
	if round.Name == g.cohort.Name {
		round.Name += "（前回）"
	}
	g.ds.Cohorts = append(g.ds.Cohorts, round)

	var members []member
	for c := range demoCompanies {
		var seats []int
		for k := range perCompany {
			i := seat(c, k)
			if p := g.ds.Participants[i]; p.Role == app.RoleParticipant && p.ID != DemoUser {
				seats = append(seats, k)
			}
		}
		for n, k := range seats {
			m := member{i: seat(c, k), c: c, k: k, late: n == 0}
			if c > 0 {
				m.noTalk = n == len(seats)-1
				m.open = n == len(seats)-2
			}
			members = append(members, m)
			p := &g.ds.Participants[m.i]
			p.Cohorts = append(p.Cohorts, round.ID)
		}
	}

	// Talks: everyone who holds any offers one to three talks to visible
	// members of other companies (and may be offered more), each at an
	// hour of a weekday that neither side has taken.
	main := g.cohort
	g.cohort = round
	busy := map[[2]int]bool{} // participant, hour from today
	held := map[int]int{}
	for _, m := range members {
		if m.noTalk {
			continue
		}
		for n := 1 + g.rng.IntN(3); held[m.i] < n; {
			o := members[g.rng.IntN(len(members))]
			mode := common(&g.ds.Participants[m.i], &g.ds.Participants[o.i], app.ModeOnline)
			if o.c == m.c || o.noTalk || !g.ds.Participants[o.i].Visible || mode == "" {
				continue // an offer goes to a visible person of another company, in a mode both take
			}
			off := g.workday(roundTalksFrom+g.rng.IntN(roundTalksTo-roundTalksFrom+1), roundTalksFrom, roundTalksTo)
			hour := 10 + g.rng.IntN(8)
			at := off*24 + hour
			if busy[[2]int{m.i, at}] || busy[[2]int{o.i, at}] {
				continue
			}
			busy[[2]int{m.i, at}], busy[[2]int{o.i, at}] = true, true
			g.accepted(m.i, o.i, mode, off, hour, app.TalkHeld)
			held[m.i]++
			held[o.i]++
		}
	}
	g.cohort = main

	opens, _ := round.SurveyWindow()
	for _, m := range members {
		id := g.ds.Participants[m.i].ID
		before := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			before[s.ID] = 2 + g.rng.IntN(3)
		}
		if !m.late {
			g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
				CohortID: round.ID, AuthorID: id, Phase: app.PhaseBefore, Answers: before,
				CreatedAt: round.Begins().Add(time.Duration(9*60+g.rng.IntN(5*24*60)) * time.Minute).UTC(),
			})
		}
		if m.noTalk || m.open {
			continue
		}
		after := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			after[s.ID] = min(app.MaxAssessment, max(app.MinAssessment, before[s.ID]+g.rng.IntN(4)-1))
		}
		sat := 5 + g.rng.IntN(3)
		if g.rng.IntN(8) == 0 {
			sat = 3 + g.rng.IntN(2)
		}
		at := g.within(opens.UTC(), g.base)
		g.ds.ProgrammeSurveys = append(g.ds.ProgrammeSurveys, app.ProgrammeSurvey{
			CohortID: round.ID, AuthorID: id,
			Satisfaction: sat, NextRound: min(7, max(1, sat-1+g.rng.IntN(3))), Recommend: min(10, sat+1+g.rng.IntN(4)),
			Insight: insights[g.rng.IntN(len(insights))], NextStep: nextSteps[g.rng.IntN(len(nextSteps))],
			CreatedAt: at,
		})
		g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
			CohortID: round.ID, AuthorID: id, Phase: app.PhaseAfter, Answers: after, CreatedAt: at,
		})
	}
	g.demoUserRound(round, members, busy)
}

// demoUserRound makes DemoUser a member of round who answered its
// "before" and held one talk in it, with the first member of another
// company who held talks, is visible and takes a mode DemoUser takes.
func (g *gen) demoUserRound(round app.Cohort, members []member, busy map[[2]int]bool) {
	const u = 0
	me := &g.ds.Participants[u]
	me.Cohorts = append(me.Cohorts, round.ID)
	other, mode := -1, app.Mode("")
	for _, m := range members {
		if m.c == 0 || m.noTalk || !g.ds.Participants[m.i].Visible {
			continue
		}
		if mode = common(me, &g.ds.Participants[m.i], app.ModeOnline); mode != "" {
			other = m.i
			break
		}
	}
	if other < 0 {
		panic("demo: no one of the previous round to hold DemoUser's talk")
	}
	off := g.workday(demoUserRoundDay, roundTalksFrom, roundTalksTo)
	hour := 10
	for busy[[2]int{u, off*24 + hour}] || busy[[2]int{other, off*24 + hour}] {
		hour++
	}
	main := g.cohort
	g.cohort = round
	k := g.accepted(other, u, mode, off, hour, app.TalkHeld)
	g.cohort = main
	g.survey(k, DemoUser)
	g.survey(k, g.ds.Participants[other].ID)

	before := map[string]int{}
	for n, s := range app.SelfAssessmentStatements {
		before[s.ID] = 2 + n%3
	}
	g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
		CohortID: round.ID, AuthorID: DemoUser, Phase: app.PhaseBefore, Answers: before,
		CreatedAt: round.Begins().Add(2*24*time.Hour + 10*time.Hour).UTC(),
	})
}
