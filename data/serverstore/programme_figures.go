package serverstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"crosstalk/app"
)

// The programme survey's results of a dashboard's scope (issue 18). An
// answer counts for a scope as a survey does (see dashboard.go): of the
// cohort and, in a company's scope, by a person of that company, still a
// member or not. The programme survey's answers and the self-assessment
// pairs are each dealt into batches by surveyBatches, in the order the
// server recorded them (the pairs by their "after"), and only closed
// batches are counted: two dashboards differ by whole batches, each of
// app.MinGroup different people.

// progAnswer is one programme survey answer.
type progAnswer struct {
	author                             string
	satisfaction, nextRound, recommend int
	insight, nextStep                  string
}

// progPair is one person's self-assessment means in a cohort; hasBefore
// is false when the person answered no "before" with a statement in
// common with the "after".
type progPair struct {
	author        string
	before, after float64
	hasBefore     bool
}

// loadProgramme reads the programme survey answers and the
// self-assessments of a scope into d, within tx.
func loadProgramme(ctx context.Context, tx *sql.Tx, scope app.Scope, d *dashData) error {
	rows, err := tx.QueryContext(ctx, `SELECT ps.author_id, ps.satisfaction, ps.next_round, ps.recommend,
		ps.insight, ps.next_step
		FROM programme_surveys ps JOIN participants p ON p.id = ps.author_id
		WHERE ps.cohort_id = ?1 AND (?2 = '' OR p.company_id = ?2)
		ORDER BY ps.version, ps.created_at, ps.author_id`, scope.CohortID, scope.CompanyID)
	if err != nil {
		return fmt.Errorf("dashboard programme surveys: %w", err)
	}
	for rows.Next() {
		var a progAnswer
		if err := rows.Scan(&a.author, &a.satisfaction, &a.nextRound, &a.recommend, &a.insight, &a.nextStep); err != nil {
			rows.Close()
			return fmt.Errorf("dashboard programme surveys: %w", err)
		}
		d.programme = append(d.programme, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("dashboard programme surveys: %w", err)
	}
	// Each "after" with its author's "before", if any, in the order the
	// "after"s were recorded.
	rows, err = tx.QueryContext(ctx, `SELECT af.author_id, af.answers, coalesce(bf.answers, '')
		FROM self_assessments af JOIN participants p ON p.id = af.author_id
		LEFT JOIN self_assessments bf ON bf.cohort_id = af.cohort_id AND bf.author_id = af.author_id
			AND bf.phase = 'before'
		WHERE af.cohort_id = ?1 AND af.phase = 'after' AND (?2 = '' OR p.company_id = ?2)
		ORDER BY af.version, af.created_at, af.author_id`, scope.CohortID, scope.CompanyID)
	if err != nil {
		return fmt.Errorf("dashboard self-assessments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var author, after, before string
		if err := rows.Scan(&author, &after, &before); err != nil {
			return fmt.Errorf("dashboard self-assessments: %w", err)
		}
		p, err := pairOf(author, before, after)
		if err != nil {
			return err
		}
		d.pairs = append(d.pairs, p)
	}
	return rows.Err()
}

// pairOf is author's pair from the JSON answers of the "before" (empty
// for none) and of the "after": each a mean over the statements answered
// both times, so that answers to different wordings are never compared.
func pairOf(author, before, after string) (progPair, error) {
	p := progPair{author: author}
	var b, a map[string]int
	if err := json.Unmarshal([]byte(after), &a); err != nil {
		return p, fmt.Errorf("self-assessment of %s: %w", author, err)
	}
	if before == "" {
		return p, nil
	}
	if err := json.Unmarshal([]byte(before), &b); err != nil {
		return p, fmt.Errorf("self-assessment of %s: %w", author, err)
	}
	var sb, sa, n int
	for id, v := range a {
		if w, ok := b[id]; ok {
			sa, sb, n = sa+v, sb+w, n+1
		}
	}
	if n > 0 {
		p.before, p.after, p.hasBefore = float64(sb)/float64(n), float64(sa)/float64(n), true
	}
	return p, nil
}

// programmeResults are the programme survey's results of d's scope, free
// answers included (the endpoint drops them for whoever may not read
// them).
func (d dashData) programmeResults() app.ProgrammeResults {
	r := app.ProgrammeResults{Reference: d.cohort.ReferenceFigures(), ReferenceIsPilot: d.cohort.Reference == nil}
	r.Survey, r.Insights, r.NextSteps = programmeSurveyFigures(d.programme)
	r.Change = assessmentChange(d.pairs)
	return r
}

func programmeSurveyFigures(answers []progAnswer) (app.ProgrammeSurveyFigures, []string, []string) {
	answers = surveyBatches(answers, func(a progAnswer) string { return a.author })
	if len(answers) == 0 {
		return app.ProgrammeSurveyFigures{}, nil, nil
	}
	f := app.ProgrammeSurveyFigures{Shown: true, Answers: len(answers)}
	var sat, next, rec int
	var insights, nextSteps []string
	for _, a := range answers {
		sat, next, rec = sat+a.satisfaction, next+a.nextRound, rec+a.recommend
		if a.satisfaction >= 1 && a.satisfaction <= 7 {
			f.SatisfactionBar[a.satisfaction-1]++
		}
		if a.nextRound >= 1 && a.nextRound <= 7 {
			f.NextRoundBar[a.nextRound-1]++
		}
		if a.recommend >= 0 && a.recommend <= 10 {
			f.RecommendBar[a.recommend]++
		}
		if s := strings.TrimSpace(a.insight); s != "" {
			insights = append(insights, s)
		}
		if s := strings.TrimSpace(a.nextStep); s != "" {
			nextSteps = append(nextSteps, s)
		}
	}
	n := float64(len(answers))
	f.Means = app.ProgrammeFigures{Satisfaction: round2(float64(sat) / n), NextRound: round2(float64(next) / n),
		Recommend: round2(float64(rec) / n)}
	slices.Sort(insights)
	slices.Sort(nextSteps)
	return f, insights, nextSteps
}

// assessmentChange batches the pairs with a "before" and, on their own,
// the "after"s without one, and counts the closed batches of each.
func assessmentChange(pairs []progPair) app.AssessmentChange {
	var with, without []progPair
	for _, p := range pairs {
		if p.hasBefore {
			with = append(with, p)
		} else {
			without = append(without, p)
		}
	}
	author := func(p progPair) string { return p.author }
	var c app.AssessmentChange
	c.NoBefore = len(surveyBatches(without, author))
	with = surveyBatches(with, author)
	if len(with) == 0 {
		return c
	}
	c.Shown, c.Counted = true, len(with)
	var b, a float64
	for _, p := range with {
		b, a = b+p.before, a+p.after
		if p.after > p.before {
			c.Improved++
		}
	}
	n := float64(len(with))
	c.Before, c.After, c.ImprovedShare = round2(b/n), round2(a/n), round2(float64(c.Improved)/n)
	return c
}
