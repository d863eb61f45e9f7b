package serverstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// The figures of the administration. A scope is one cohort and, when its
// CompanyID is set, the people of one company in it. Its people are the
// cohort's members counted as participants (app.CountsAsParticipant: HR
// and secretariat members are staff, not participants), and they are
// counted as app.Participation counts them. Offers count for the scope when one of
// its people sent them; talks when one of its people is a side. Surveys
// count when they answer a talk of the cohort and, in a company's scope,
// their author is of that company, still a member or not: an answer
// stays with its talk, so that changing who is in the cohort and
// comparing the figures moves no answer in or out. The survey figures
// and comments cover the scope's answers in closed batches only, each of
// app.MinGroup answers by app.MinGroup different people (surveyBatches):
// a new answer changes nothing, or adds exactly one such batch. They are
// left out (Shown false, zero) until a batch closes. Who may read which
// scope, and the comments, is the endpoint's business.

// dashPerson is one person of a scope.
type dashPerson struct {
	ref    app.PersonRef
	role   app.Role
	joined bool
}

// dashOffer, dashTalk and dashSurvey are the rows a dashboard counts.
type dashOffer struct {
	from, to          string
	state             app.OfferState
	created, answered time.Time // answered is zero until the first answer
}

type dashTalk struct {
	a, b   string
	state  app.TalkState
	reason string
	start  time.Time
}

type dashSurvey struct {
	author                  string
	satisfaction, recommend int
	comment                 string
}

// dashData is what a scope's figures are computed from.
type dashData struct {
	cohort  app.Cohort
	people  []dashPerson // the scope's, by reading
	offers  []dashOffer  // every offer of the cohort
	talks   []dashTalk   // every talk of the cohort
	surveys []dashSurvey // the surveys of the cohort's talks that count for the scope, in the order recorded
	// The programme survey's answers and self-assessment pairs that
	// count for the scope, in the order recorded (programme_figures.go).
	programme []progAnswer
	pairs     []progPair
}

// loadDash reads a scope's data in one snapshot. A cohort that does not
// exist is refused with CodeNotFound.
func (s *Store) loadDash(ctx context.Context, scope app.Scope) (dashData, error) {
	var d dashData
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	defer tx.Rollback()
	if d.cohort, err = codec.ScanCohort(tx.QueryRowContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE id = ?`, scope.CohortID)); err != nil {
		return d, rejectNotFound(err, "cohort")
	}
	// joined: a device, even one stopped since (as Invitations' JoinedAt).
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.employee_no, p.name, p.company_id, p.role,
		EXISTS (SELECT 1 FROM devices d WHERE d.participant_id = p.id)
		FROM cohort_members m JOIN participants p ON p.id = m.participant_id
		WHERE m.cohort_id = ?1 AND (?2 = '' OR p.company_id = ?2)
		ORDER BY p.sort_key, p.employee_no, p.id`, scope.CohortID, scope.CompanyID)
	if err != nil {
		return d, fmt.Errorf("dashboard people: %w", err)
	}
	for rows.Next() {
		var p dashPerson
		if err := rows.Scan(&p.ref.ParticipantID, &p.ref.EmployeeNo, &p.ref.Name, &p.ref.CompanyID, &p.role, &p.joined); err != nil {
			rows.Close()
			return d, fmt.Errorf("dashboard people: %w", err)
		}
		if app.CountsAsParticipant(p.role) {
			d.people = append(d.people, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("dashboard people: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT from_id, to_id, state, created_at, coalesce(answered_at, 0)
		FROM offers WHERE cohort_id = ?`, scope.CohortID)
	if err != nil {
		return d, fmt.Errorf("dashboard offers: %w", err)
	}
	for rows.Next() {
		var o dashOffer
		var created, answered int64
		if err := rows.Scan(&o.from, &o.to, &o.state, &created, &answered); err != nil {
			rows.Close()
			return d, fmt.Errorf("dashboard offers: %w", err)
		}
		o.created = codec.FromMillis(created)
		if answered != 0 {
			o.answered = codec.FromMillis(answered)
		}
		d.offers = append(d.offers, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("dashboard offers: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT a_id, b_id, state, reason, start_at FROM talks WHERE cohort_id = ?`, scope.CohortID)
	if err != nil {
		return d, fmt.Errorf("dashboard talks: %w", err)
	}
	for rows.Next() {
		var k dashTalk
		var startMS int64
		if err := rows.Scan(&k.a, &k.b, &k.state, &k.reason, &startMS); err != nil {
			rows.Close()
			return d, fmt.Errorf("dashboard talks: %w", err)
		}
		k.start = codec.FromMillis(startMS)
		d.talks = append(d.talks, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fmt.Errorf("dashboard talks: %w", err)
	}
	if err := loadProgramme(ctx, tx, scope, &d); err != nil {
		return d, err
	}
	// Oldest first, as the server recorded them: by the version of the
	// transaction that wrote each (a survey is written once), commit
	// ordered, so that an answer recorded later always comes after those
	// before it, whatever its time says (a clock set back, two pushes
	// processed side by side); then by time within a transaction.
	rows, err = tx.QueryContext(ctx, `SELECT sv.author_id, sv.satisfaction, sv.recommend, sv.comment
		FROM surveys sv JOIN talks t ON t.id = sv.talk_id JOIN participants p ON p.id = sv.author_id
		WHERE t.cohort_id = ?1 AND (?2 = '' OR p.company_id = ?2)
		ORDER BY sv.version, sv.created_at, sv.talk_id, sv.author_id`, scope.CohortID, scope.CompanyID)
	if err != nil {
		return d, fmt.Errorf("dashboard surveys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sv dashSurvey
		if err := rows.Scan(&sv.author, &sv.satisfaction, &sv.recommend, &sv.comment); err != nil {
			return d, fmt.Errorf("dashboard surveys: %w", err)
		}
		d.surveys = append(d.surveys, sv)
	}
	return d, rows.Err()
}

// Dashboard computes the figures of a scope at now, comments included
// (the endpoint drops them for whoever may not read them).
func (s *Store) Dashboard(ctx context.Context, scope app.Scope, now time.Time) (app.Dashboard, error) {
	d, err := s.loadDash(ctx, scope)
	if err != nil {
		return app.Dashboard{}, err
	}
	return d.dashboard(scope, now), nil
}

// Activity lists the participation of each person of a scope, by reading:
// counts only, never survey answers. OffersAccepted counts the offers the
// person sent or received that were accepted; cancelled talks leave out
// those moved to another time.
func (s *Store) Activity(ctx context.Context, scope app.Scope) ([]app.Activity, error) {
	d, err := s.loadDash(ctx, scope)
	if err != nil {
		return nil, err
	}
	at := make(map[string]int, len(d.people))
	out := make([]app.Activity, len(d.people))
	for i, p := range d.people {
		at[p.ref.ParticipantID] = i
		out[i] = app.Activity{PersonRef: p.ref, Joined: p.joined}
	}
	for _, o := range d.offers {
		if i, ok := at[o.from]; ok {
			out[i].OffersSent++
			if o.state == app.OfferAccepted {
				out[i].OffersAccepted++
			}
		}
		if i, ok := at[o.to]; ok {
			out[i].OffersReceived++
			if o.state == app.OfferAccepted {
				out[i].OffersAccepted++
			}
		}
	}
	for _, k := range d.talks {
		for _, who := range []string{k.a, k.b} {
			i, ok := at[who]
			if !ok {
				continue
			}
			switch {
			case k.state == app.TalkHeld:
				out[i].TalksHeld++
			case k.state == app.TalkCancelled && k.reason != app.ReasonRescheduled:
				out[i].TalksCancelled++
			case k.state == app.TalkNoShow:
				out[i].TalksNoShow++
			}
		}
	}
	return out, nil
}

func (d dashData) dashboard(scope app.Scope, now time.Time) app.Dashboard {
	in := make(map[string]bool, len(d.people))
	for _, p := range d.people {
		in[p.ref.ParticipantID] = true
	}
	db := app.Dashboard{Scope: scope, NoOffersReceived: []app.PersonRef{}, NoOffersSent: []app.PersonRef{}}
	weeks := newWeekly(d.cohort, now)
	sent, received := map[string]bool{}, map[string]bool{}
	var answerTimes []time.Duration
	for _, o := range d.offers {
		sent[o.from], received[o.to] = true, true
		if !in[o.from] {
			continue
		}
		db.OffersSent++
		weeks.at(o.created).OffersSent++
		if o.state == app.OfferAccepted || o.state == app.OfferDeclined {
			db.OffersAnswered++
			if !o.answered.IsZero() {
				answerTimes = append(answerTimes, o.answered.Sub(o.created))
			}
		}
		if o.state == app.OfferAccepted {
			db.OffersAccepted++
			if !o.answered.IsZero() {
				weeks.at(o.answered).OffersAccepted++
			}
		}
	}
	if db.OffersAnswered > 0 {
		db.AcceptanceRate = float64(db.OffersAccepted) / float64(db.OffersAnswered)
	}
	db.MedianAnswer = median(answerTimes)
	for _, k := range d.talks {
		if !in[k.a] && !in[k.b] {
			continue
		}
		switch {
		case k.state == app.TalkHeld:
			db.TalksHeld++
			weeks.at(k.start).TalksHeld++
		case k.state == app.TalkCancelled && k.reason != app.ReasonRescheduled:
			db.TalksCancelled++
		case k.state == app.TalkNoShow:
			db.TalksNoShow++
		}
	}
	var part app.Participation
	for _, p := range d.people {
		id := p.ref.ParticipantID
		part.Add(p.role, p.joined, sent[id] || received[id])
		if !received[p.ref.ParticipantID] {
			db.NoOffersReceived = append(db.NoOffersReceived, p.ref)
		}
		if !sent[p.ref.ParticipantID] {
			db.NoOffersSent = append(db.NoOffersSent, p.ref)
		}
	}
	db.Participants, db.Joined, db.Active = part.Participants, part.Joined, part.Active
	db.Survey, db.Comments = surveyFigures(d.surveys)
	db.Weeks = weeks.list()
	db.Programme = d.programmeResults()
	return db
}

// surveyBatches deals a group's answers, given in the order recorded
// (oldest first), each by the person author names, into batches, and returns those of the closed batches,
// batch after batch. Each answer in turn goes into the first open batch
// that has no answer by its author, or else opens a new batch after the
// others; an open batch is one with fewer than app.MinGroup answers, and
// one that reaches app.MinGroup is closed: its answers are by
// app.MinGroup different people. Only closed batches are ever shown.
//
// Why this is well defined and safe to compare:
//   - an answer's batch depends only on the answers before it, so a new
//     answer (always the newest, see loadDash) leaves every earlier one
//     where it was, and adds to one batch: the figures change by nothing
//     or by exactly one batch;
//   - an open batch takes an answer only if its author already has one in
//     every open batch before it, so a later open batch's authors are
//     among each earlier one's: it cannot reach app.MinGroup authors
//     before them, and batches close in the order they opened. At any
//     time the closed batches are the first ones, and the answers left
//     out are those of the open batches after them.
//
// Two dashboards of one scope thus differ by whole batches, each the
// answers of app.MinGroup different people: answers 6 to 10 by one
// person all wait in open batches of their own, each for app.MinGroup-1
// other people. The programme's figures (programme_figures.go) batch
// their answers here too.
func surveyBatches[T any](surveys []T, author func(T) string) []T {
	var open [][]T // in the order opened
	var closed []T
	for _, sv := range surveys {
		i := slices.IndexFunc(open, func(b []T) bool {
			return !slices.ContainsFunc(b, func(o T) bool { return author(o) == author(sv) })
		})
		if i < 0 {
			open, i = append(open, nil), len(open)
		}
		open[i] = append(open[i], sv)
		if len(open[i]) == app.MinGroup { // i is 0: see above
			closed = append(closed, open[i]...)
			open = slices.Delete(open, i, i+1)
		}
	}
	return closed
}

// surveyFigures are the figures and the comments of a group's answers,
// given in the order recorded: of the closed batches of surveyBatches, or
// nothing when none has closed. The comments are sorted, so that their
// order tells nothing of who wrote them.
func surveyFigures(surveys []dashSurvey) (app.SurveyFigures, []string) {
	surveys = surveyBatches(surveys, func(sv dashSurvey) string { return sv.author })
	if len(surveys) == 0 {
		return app.SurveyFigures{}, nil
	}
	f := app.SurveyFigures{Shown: true, Answers: len(surveys)}
	var sat, rec, promoters, detractors int
	var comments []string
	for _, sv := range surveys {
		sat += sv.satisfaction
		rec += sv.recommend
		if sv.satisfaction >= 1 && sv.satisfaction <= 7 {
			f.SatisfactionBar[sv.satisfaction-1]++
		}
		if sv.recommend >= 0 && sv.recommend <= 10 {
			f.RecommendBar[sv.recommend]++
		}
		switch {
		case sv.recommend >= 9:
			promoters++
		case sv.recommend <= 6:
			detractors++
		}
		if c := strings.TrimSpace(sv.comment); c != "" {
			comments = append(comments, c)
		}
	}
	n := float64(len(surveys))
	f.Satisfaction = round2(float64(sat) / n)
	f.Recommend = round2(float64(rec) / n)
	f.NPS = round2(100 * float64(promoters-detractors) / n)
	slices.Sort(comments)
	return f, comments
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// median is the middle duration, or the mean of the two middle ones; zero
// for none. It sorts ds.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	m := len(ds) / 2
	if len(ds)%2 == 1 {
		return ds[m]
	}
	return (ds[m-1] + ds[m]) / 2
}
