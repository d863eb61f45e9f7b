package serverstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// The mails of the programme survey (issue 18), queued by the sweep
// (QueueScheduledMail): once when the survey opens for a person — at the
// start of its window, or later when they first become due (their first
// talk held inside the window) — and once as a reminder from its
// RemindAt (app.SurveyDue), if they have not answered yet. Only to
// someone app.ProgrammeSurveyDue asks (a member of a cohort that is not a
// draft, who held a talk in it and has not answered), only inside the
// window, and only to someone mail may reach (an address that has not
// failed, mail_mode not 'none'): a person who turns mail on later in the
// window is told then. Someone who first becomes due once the reminder
// is due gets the opening mail alone: two mails at once would say the
// same thing twice.
//
// Each is done once per key (mail_scheduled): "psurvey-open:<cohort>:<person>"
// and "psurvey-remind:<cohort>:<person>". The secretariat may set a
// window longer than the keys are usually kept (scheduledKeep), so these
// keys are dated at the window's close: they are pruned scheduledKeep
// after it, never while the survey is open.

// Mail event kinds of the programme survey; the event's Data is a
// SurveyMailData, and To its person.
const (
	MailSurveyOpens    = "programme.surveyOpens"    // the programme survey opened for a person
	MailSurveyReminder = "programme.surveyReminder" // the programme survey is still unanswered
)

// SurveyMailData is the Data of a programme survey's mail event: which
// cohort's survey it is about.
type SurveyMailData struct {
	CohortID string `json:"cohortId"`
}

// Prefixes of the programme survey's keys in mail_scheduled; the key is
// prefix + cohort id + ":" + person id.
const (
	surveyOpenKey   = "psurvey-open:"
	surveyRemindKey = "psurvey-remind:"
)

// SurveyMailKey is the key of a programme survey's mail of kind (one of
// the MailSurvey… kinds) for person in cohort: the same in mail_scheduled
// and as the outbox's dedupe key.
func SurveyMailKey(kind, cohortID, personID string) string {
	prefix := surveyOpenKey
	if kind == MailSurveyReminder {
		prefix = surveyRemindKey
	}
	return prefix + cohortID + ":" + personID
}

// programmeSurveyEvents records as done, and returns, the programme
// survey's mails due at now and not done yet.
func (t *writeTx) programmeSurveyEvents(ctx context.Context, now time.Time) ([]MailEvent, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE state <> 'draft' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("programme surveys to mail: %w", err)
	}
	var cohorts []app.Cohort
	for rows.Next() {
		c, err := codec.ScanCohort(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("programme surveys to mail: %w", err)
		}
		if opens, closes := c.SurveyWindow(); !now.Before(opens) && now.Before(closes) {
			cohorts = append(cohorts, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("programme surveys to mail: %w", err)
	}
	var out []MailEvent
	for _, c := range cohorts {
		evs, err := t.cohortSurveyEvents(ctx, c, now)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	return out, nil
}

// cohortSurveyEvents are programmeSurveyEvents of c, whose survey is open
// at now.
func (t *writeTx) cohortSurveyEvents(ctx context.Context, c app.Cohort, now time.Time) ([]MailEvent, error) {
	// How the survey stands at now for someone it asks.
	due := app.ProgrammeSurveyDue(c, 1, false, now)
	if !due.Open {
		return nil, nil
	}
	type person struct {
		id     string
		opened bool
	}
	var people []person
	// Those it asks and mail may reach, but those reminded already, and,
	// before the reminder is due, those told it opened: on most sweeps,
	// no one.
	rows, err := t.tx.QueryContext(ctx, `SELECT m.participant_id,
		EXISTS (SELECT 1 FROM mail_scheduled k WHERE k.key = ?3 || m.participant_id)
		FROM cohort_members m JOIN participants p ON p.id = m.participant_id
		WHERE m.cohort_id = ?1
		AND NOT EXISTS (SELECT 1 FROM mail_scheduled k WHERE k.key = ?4 || m.participant_id)
		AND (?5 OR NOT EXISTS (SELECT 1 FROM mail_scheduled k WHERE k.key = ?3 || m.participant_id))
		AND p.email <> '' AND p.email_failed_at = 0 AND p.mail_mode <> 'none'
		AND EXISTS (SELECT 1 FROM talks t WHERE t.cohort_id = ?1
			AND (t.a_id = m.participant_id OR t.b_id = m.participant_id)
			AND (t.state = 'held' OR t.state = 'scheduled' AND t.end_at <= ?2))
		AND NOT EXISTS (SELECT 1 FROM programme_surveys s WHERE s.cohort_id = ?1 AND s.author_id = m.participant_id)
		ORDER BY m.participant_id`,
		c.ID, codec.Millis(now), surveyOpenKey+c.ID+":", surveyRemindKey+c.ID+":", due.Remind)
	if err != nil {
		return nil, fmt.Errorf("programme survey of %s to mail: %w", c.ID, err)
	}
	for rows.Next() {
		var p person
		if err := rows.Scan(&p.id, &p.opened); err != nil {
			rows.Close()
			return nil, fmt.Errorf("programme survey of %s to mail: %w", c.ID, err)
		}
		people = append(people, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("programme survey of %s to mail: %w", c.ID, err)
	}
	data, err := json.Marshal(SurveyMailData{CohortID: c.ID})
	if err != nil {
		return nil, fmt.Errorf("programme survey of %s to mail: %w", c.ID, err)
	}
	var out []MailEvent
	for _, p := range people {
		kind := ""
		switch {
		case !p.opened:
			first, err := t.once(ctx, SurveyMailKey(MailSurveyOpens, c.ID, p.id), due.Closes)
			if err != nil {
				return nil, err
			}
			if !first {
				continue
			}
			kind = MailSurveyOpens
			if due.Remind {
				// Due only now, with the reminder: the opening
				// mail is the only one.
				if _, err := t.once(ctx, SurveyMailKey(MailSurveyReminder, c.ID, p.id), due.Closes); err != nil {
					return nil, err
				}
			}
		case due.Remind:
			first, err := t.once(ctx, SurveyMailKey(MailSurveyReminder, c.ID, p.id), due.Closes)
			if err != nil {
				return nil, err
			}
			if !first {
				continue
			}
			kind = MailSurveyReminder
		default:
			continue
		}
		out = append(out, MailEvent{Kind: kind, To: p.id, At: now, Data: data})
	}
	return out, nil
}

// ProgrammeSurveyDue is how the programme survey of cohortID stands at
// now for participantID, in the snapshot: app.ProgrammeSurveyDue of the
// talks they held in it (none if they are no longer a member) and of
// whether they answered it.
func (r *snapshotReader) ProgrammeSurveyDue(ctx context.Context, cohortID, participantID string, now time.Time) (app.SurveyDue, error) {
	c, err := r.Cohort(ctx, cohortID)
	if err != nil {
		return app.SurveyDue{}, err
	}
	var held int
	var answered bool
	err = r.tx.QueryRowContext(ctx, `SELECT
		CASE WHEN EXISTS (SELECT 1 FROM cohort_members WHERE cohort_id = ?1 AND participant_id = ?2)
		THEN (SELECT count(*) FROM talks WHERE cohort_id = ?1 AND (a_id = ?2 OR b_id = ?2)
			AND (state = 'held' OR state = 'scheduled' AND end_at <= ?3)) ELSE 0 END,
		EXISTS (SELECT 1 FROM programme_surveys WHERE cohort_id = ?1 AND author_id = ?2)`,
		cohortID, participantID, codec.Millis(now)).Scan(&held, &answered)
	if err != nil {
		return app.SurveyDue{}, fmt.Errorf("programme survey of %s for %s: %w", cohortID, participantID, err)
	}
	return app.ProgrammeSurveyDue(c, held, answered, now), nil
}
