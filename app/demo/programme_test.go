package demo

import (
	"testing"
	"time"

	"crosstalk/app"
)

// TestDemoProgrammeRound checks that the demo holds what the programme
// survey's dashboard needs (issue 18): a round near its end whose survey
// is open now; in every company, at least app.MinGroup people with a
// programme survey and as many with both a "before" and an "after", a
// late joiner with an "after" and no "before", someone asked who has not
// answered yet, and someone never asked (no talk held); figures spread
// over their scales, some people who moved up and some who did not, and
// free answers. Every answer keeps the mutators' rules. DemoUser is a
// member who held a talk, answered the "before" and is asked for the
// programme survey, so that the demo shows its notice.
func TestDemoProgrammeRound(t *testing.T) {
	for _, now := range nows() {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			d := Demo(now)
			var round app.Cohort
			for _, c := range d.Cohorts {
				if o, cl := c.SurveyWindow(); !now.Before(o) && now.Before(cl) {
					round = c
				}
			}
			if round.ID == "" || round.ID == d.Cohorts[0].ID {
				t.Fatal("no round other than the current one has its survey open now")
			}
			if !now.Before(round.Ends()) || round.Ends().Sub(now) > 7*24*time.Hour {
				t.Errorf("the round ends at %s: not within a week of %s", round.Ends(), now)
			}
			opens, _ := round.SurveyWindow()

			people := map[string]app.Participant{}
			for _, p := range d.Participants {
				people[p.ID] = p
			}
			held := map[string]int{}
			for _, k := range d.Talks {
				if k.CohortID == round.ID && k.State == app.TalkHeld {
					held[k.AID]++
					held[k.BID]++
				}
			}
			// DemoUser's inbox asks for the round's programme survey.
			if !people[DemoUser].InCohort(round.ID) || held[DemoUser] == 0 {
				t.Errorf("DemoUser in the previous round %v, with %d talks held", people[DemoUser].InCohort(round.ID), held[DemoUser])
			}
			if due := app.ProgrammeSurveyDue(round, held[DemoUser], false, now); !due.Open {
				t.Errorf("DemoUser is not asked for the programme survey: %+v", due)
			}
			surveys := map[string]app.ProgrammeSurvey{}
			for _, s := range d.ProgrammeSurveys {
				p := people[s.AuthorID]
				if s.CohortID != round.ID || !p.InCohort(round.ID) || p.Role != app.RoleParticipant || held[s.AuthorID] == 0 {
					t.Errorf("survey by %s in %s: not a member who held a talk", s.AuthorID, s.CohortID)
				}
				if _, twice := surveys[s.AuthorID]; twice {
					t.Errorf("%s answered twice", s.AuthorID)
				}
				if s.Satisfaction < 1 || s.Satisfaction > 7 || s.NextRound < 1 || s.NextRound > 7 || s.Recommend < 0 || s.Recommend > 10 {
					t.Errorf("survey by %s out of range: %+v", s.AuthorID, s)
				}
				if s.CreatedAt.Before(opens) || s.CreatedAt.After(now) {
					t.Errorf("survey by %s answered at %s, outside %s–%s", s.AuthorID, s.CreatedAt, opens, now)
				}
				if err := app.CheckText(s.Insight + s.NextStep); err != nil {
					t.Errorf("survey by %s: %v", s.AuthorID, err)
				}
				surveys[s.AuthorID] = s
			}
			before, after := map[string]app.SelfAssessment{}, map[string]app.SelfAssessment{}
			for _, a := range d.SelfAssessments {
				if a.CohortID != round.ID || !people[a.AuthorID].InCohort(round.ID) {
					t.Errorf("self-assessment by %s in %s", a.AuthorID, a.CohortID)
				}
				if len(a.Answers) != len(app.SelfAssessmentStatements) {
					t.Errorf("self-assessment by %s: %v", a.AuthorID, a.Answers)
				}
				for _, st := range app.SelfAssessmentStatements {
					if v := a.Answers[st.ID]; v < app.MinAssessment || v > app.MaxAssessment {
						t.Errorf("self-assessment by %s: %s = %d", a.AuthorID, st.ID, v)
					}
				}
				m := before
				if a.Phase == app.PhaseAfter {
					m = after
					if s, ok := surveys[a.AuthorID]; !ok || !s.CreatedAt.Equal(a.CreatedAt) {
						t.Errorf("an 'after' by %s without its programme survey", a.AuthorID)
					}
				} else if a.CreatedAt.Before(round.Begins()) || !a.CreatedAt.Before(opens) {
					t.Errorf("a 'before' by %s at %s", a.AuthorID, a.CreatedAt)
				}
				if _, twice := m[a.AuthorID]; twice {
					t.Errorf("two %s by %s", a.Phase, a.AuthorID)
				}
				m[a.AuthorID] = a
			}
			if len(after) != len(surveys) {
				t.Errorf("%d 'after', %d programme surveys", len(after), len(surveys))
			}
			_, answered := surveys[DemoUser]
			if _, ok := before[DemoUser]; !ok || answered {
				t.Errorf("DemoUser: a 'before' %v, a programme survey %v; want one, and none", ok, answered)
			}
			// DemoUser's talk survey of the round is answered: the talk
			// surveys waiting are the current round's.
			for _, k := range d.Talks {
				if k.CohortID != round.ID || (k.AID != DemoUser && k.BID != DemoUser) {
					continue
				}
				found := false
				for _, s := range d.Surveys {
					found = found || s.TalkID == k.ID && s.AuthorID == DemoUser
				}
				if !found {
					t.Errorf("DemoUser's talk %s of the previous round waits for their survey", k.ID)
				}
			}

			type tally struct{ surveys, paired, late, waiting, notAsked int }
			byCompany := map[string]*tally{}
			for _, c := range d.Companies {
				byCompany[c.ID] = &tally{}
			}
			var up, notUp int
			for _, p := range d.Participants {
				if !p.InCohort(round.ID) {
					continue
				}
				n := byCompany[p.CompanyID]
				_, answered := surveys[p.ID]
				b, hasBefore := before[p.ID]
				a, hasAfter := after[p.ID]
				switch due := app.ProgrammeSurveyDue(round, held[p.ID], answered, now); {
				case answered:
					n.surveys++
				case due.Open:
					n.waiting++
				case held[p.ID] == 0:
					n.notAsked++
				}
				switch {
				case hasBefore && hasAfter:
					n.paired++
					if a.Mean() > b.Mean() {
						up++
					} else {
						notUp++
					}
				case hasAfter:
					n.late++
				}
			}
			for id, n := range byCompany {
				if n.surveys < app.MinGroup || n.paired < app.MinGroup || n.late < 1 {
					t.Errorf("company %s: %d surveys, %d before-and-after, %d late joiners", id, n.surveys, n.paired, n.late)
				}
			}
			var waiting, notAsked int
			for _, n := range byCompany {
				waiting += n.waiting
				notAsked += n.notAsked
			}
			if waiting == 0 || notAsked == 0 {
				t.Errorf("%d asked and not answered, %d never asked; want some of each", waiting, notAsked)
			}
			if up == 0 || notUp == 0 {
				t.Errorf("%d moved up, %d did not; want some of each", up, notUp)
			}
			spread := func(what string, v func(app.ProgrammeSurvey) int) {
				seen := map[int]bool{}
				for _, s := range surveys {
					seen[v(s)] = true
				}
				if len(seen) < 3 {
					t.Errorf("%s takes %d values; want a distribution", what, len(seen))
				}
			}
			spread("satisfaction", func(s app.ProgrammeSurvey) int { return s.Satisfaction })
			spread("next round", func(s app.ProgrammeSurvey) int { return s.NextRound })
			spread("recommend", func(s app.ProgrammeSurvey) int { return s.Recommend })
			var insights, blank int
			for _, s := range surveys {
				if s.Insight != "" {
					insights++
				} else {
					blank++
				}
			}
			if insights < app.MinGroup || blank == 0 {
				t.Errorf("%d insights written, %d left blank", insights, blank)
			}
			// No two people wrote the same sentence: the secretariat's
			// list of free answers reads as people's own words.
			written := map[string]string{}
			for _, s := range surveys {
				for _, a := range []string{s.Insight, s.NextStep} {
					if other, ok := written[a]; a != "" && ok {
						t.Errorf("%s and %s both wrote %q", other, s.AuthorID, a)
					}
					written[a] = s.AuthorID
				}
			}
		})
	}
}
