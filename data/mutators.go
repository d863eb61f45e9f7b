package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Participant loads one participant with their cohorts.
func (t *Tx) Participant(ctx context.Context, id string) (app.Participant, error) {
	return codec.Participant(ctx, t.tx, id)
}

// Cohort loads one cohort.
func (t *Tx) Cohort(ctx context.Context, id string) (app.Cohort, error) {
	c, err := codec.ScanCohort(t.tx.QueryRowContext(ctx, `SELECT `+codec.CohortCols+` FROM cohorts WHERE id = ?`, id))
	return c, codec.NotFound(err, "cohort "+id)
}

// Offer loads one offer.
func (t *Tx) Offer(ctx context.Context, id string) (app.Offer, error) {
	o, err := codec.ScanOffer(t.tx.QueryRowContext(ctx, `SELECT `+codec.OfferCols+` FROM offers o WHERE o.id = ?`, id))
	return o, codec.NotFound(err, "offer "+id)
}

// InsertOffer writes a new offer.
func (t *Tx) InsertOffer(ctx context.Context, o app.Offer) error {
	if err := t.remember(ctx, "offers", o.ID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO offers (id, cohort_id, from_id, to_id, message, slots, mode, state, turn,
		rounds, reason, note, talk_id, created_at, updated_at, expires_at, answered_at, chosen_start, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, :v)`,
		o.ID, o.CohortID, o.FromID, o.ToID, o.Message, codec.JSON(o.Slots), o.Mode, o.State, o.Turn,
		o.Rounds, o.Reason, o.Note, o.TalkID, codec.Millis(o.CreatedAt), codec.Millis(o.UpdatedAt), codec.Millis(o.ExpiresAt),
		codec.NullMillis(o.AnsweredAt), codec.NullMillis(o.ChosenStart))
	if err != nil {
		return fmt.Errorf("insert offer %s: %w", o.ID, err)
	}
	return nil
}

// UpdateOffer writes o if the stored offer is still pending with prev's
// turn and round count.
func (t *Tx) UpdateOffer(ctx context.Context, o app.Offer, prev app.Offer) (bool, error) {
	if err := t.remember(ctx, "offers", o.ID); err != nil {
		return false, err
	}
	res, err := t.Exec(ctx, `UPDATE offers SET message = ?, slots = ?, state = ?, turn = ?, rounds = ?,
		reason = ?, note = ?, talk_id = ?, updated_at = ?, expires_at = ?, answered_at = ?, chosen_start = ?,
		version = :v
		WHERE id = ? AND state = 'pending' AND turn = ? AND rounds = ?`,
		o.Message, codec.JSON(o.Slots), o.State, o.Turn, o.Rounds, o.Reason, o.Note, o.TalkID,
		codec.Millis(o.UpdatedAt), codec.Millis(o.ExpiresAt), codec.NullMillis(o.AnsweredAt), codec.NullMillis(o.ChosenStart),
		o.ID, prev.Turn, prev.Rounds)
	if err != nil {
		return false, fmt.Errorf("update offer %s: %w", o.ID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// CountPending counts pending, unexpired offers in a cohort sent or
// received by a participant.
func (t *Tx) CountPending(ctx context.Context, cohortID, participantID string, sent bool, now time.Time) (int, error) {
	col := "to_id"
	if sent {
		col = "from_id"
	}
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM offers
		WHERE `+col+` = ? AND state = 'pending' AND cohort_id = ? AND expires_at > ?`,
		participantID, cohortID, codec.Millis(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pending offers of %s: %w", participantID, err)
	}
	return n, nil
}

// PendingBetween reports whether a pending, unexpired offer joins a and b.
func (t *Tx) PendingBetween(ctx context.Context, a, b string, now time.Time) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM offers
		WHERE state = 'pending' AND expires_at > ?
		AND ((from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?))`,
		codec.Millis(now), a, b, b, a).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("pending offers between %s and %s: %w", a, b, err)
	}
	return n > 0, nil
}

// Talk loads one talk.
func (t *Tx) Talk(ctx context.Context, id string) (app.Talk, error) {
	k, err := codec.ScanTalk(t.tx.QueryRowContext(ctx, `SELECT `+codec.TalkCols+` FROM talks t WHERE t.id = ?`, id))
	return k, codec.NotFound(err, "talk "+id)
}

// InsertTalk writes a new talk.
func (t *Tx) InsertTalk(ctx context.Context, k app.Talk) error {
	if err := t.remember(ctx, "talks", k.ID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO talks (id, offer_id, cohort_id, a_id, b_id, start_at, end_at, mode,
		place, state, reason, replaces, created_at, updated_at, proposal, history, sequence, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, :v)`,
		k.ID, k.OfferID, k.CohortID, k.AID, k.BID, codec.Millis(k.Start), codec.Millis(k.End), k.Mode,
		k.Place, k.State, k.Reason, k.Replaces, codec.Millis(k.CreatedAt), codec.Millis(k.UpdatedAt),
		codec.Proposal(k.Proposal), codec.History(k.History), k.Sequence)
	if err != nil {
		return fmt.Errorf("insert talk %s: %w", k.ID, err)
	}
	return nil
}

// UpdateTalk writes k if the stored talk is still in state from.
func (t *Tx) UpdateTalk(ctx context.Context, k app.Talk, from app.TalkState) (bool, error) {
	if err := t.remember(ctx, "talks", k.ID); err != nil {
		return false, err
	}
	res, err := t.Exec(ctx, `UPDATE talks SET start_at = ?, end_at = ?, mode = ?, place = ?, state = ?,
		reason = ?, updated_at = ?, proposal = ?, history = ?, sequence = ?, version = :v
		WHERE id = ? AND state = ?`,
		codec.Millis(k.Start), codec.Millis(k.End), k.Mode, k.Place, k.State, k.Reason, codec.Millis(k.UpdatedAt),
		codec.Proposal(k.Proposal), codec.History(k.History), k.Sequence, k.ID, from)
	if err != nil {
		return false, fmt.Errorf("update talk %s: %w", k.ID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SurveyExists reports whether author answered the survey of a talk.
func (t *Tx) SurveyExists(ctx context.Context, talkID, authorID string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM surveys WHERE talk_id = ? AND author_id = ?`,
		talkID, authorID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("survey of %s by %s: %w", talkID, authorID, err)
	}
	return n > 0, nil
}

// InsertSurvey writes a survey answer.
func (t *Tx) InsertSurvey(ctx context.Context, s app.Survey) error {
	if err := t.remember(ctx, "surveys", s.TalkID, s.AuthorID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO surveys (talk_id, author_id, satisfaction, recommend, comment,
		created_at, version) VALUES (?, ?, ?, ?, ?, ?, :v)`,
		s.TalkID, s.AuthorID, s.Satisfaction, s.Recommend, s.Comment, codec.Millis(s.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert survey of %s by %s: %w", s.TalkID, s.AuthorID, err)
	}
	return nil
}

// TalksHeld counts a participant's talks in a cohort marked held, or
// scheduled and ended by now.
func (t *Tx) TalksHeld(ctx context.Context, cohortID, participantID string, now time.Time) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM talks
		WHERE cohort_id = ?1 AND (a_id = ?2 OR b_id = ?2)
		AND (state = 'held' OR state = 'scheduled' AND end_at <= ?3)`,
		cohortID, participantID, codec.Millis(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("talks held by %s in %s: %w", participantID, cohortID, err)
	}
	return n, nil
}

// ProgrammeSurveyExists reports whether author answered the programme
// survey of a cohort.
func (t *Tx) ProgrammeSurveyExists(ctx context.Context, cohortID, authorID string) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM programme_surveys WHERE cohort_id = ? AND author_id = ?`,
		cohortID, authorID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("programme survey of %s by %s: %w", cohortID, authorID, err)
	}
	return n > 0, nil
}

// InsertProgrammeSurvey writes an answer to a programme survey.
func (t *Tx) InsertProgrammeSurvey(ctx context.Context, s app.ProgrammeSurvey) error {
	if err := t.remember(ctx, "programme_surveys", s.CohortID, s.AuthorID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO programme_surveys (cohort_id, author_id, satisfaction, next_round,
		recommend, insight, next_step, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, :v)`,
		s.CohortID, s.AuthorID, s.Satisfaction, s.NextRound, s.Recommend, s.Insight, s.NextStep,
		codec.Millis(s.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert programme survey of %s by %s: %w", s.CohortID, s.AuthorID, err)
	}
	return nil
}

// SelfAssessmentExists reports whether author answered the
// self-assessment of a cohort at phase.
func (t *Tx) SelfAssessmentExists(ctx context.Context, cohortID, authorID string, phase app.Phase) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM self_assessments
		WHERE cohort_id = ? AND author_id = ? AND phase = ?`, cohortID, authorID, phase).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("%s self-assessment of %s by %s: %w", phase, cohortID, authorID, err)
	}
	return n > 0, nil
}

// InsertSelfAssessment writes a self-assessment.
func (t *Tx) InsertSelfAssessment(ctx context.Context, a app.SelfAssessment) error {
	if err := t.remember(ctx, "self_assessments", a.CohortID, a.AuthorID, string(a.Phase)); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO self_assessments (cohort_id, author_id, phase, answers, created_at, version)
		VALUES (?, ?, ?, ?, ?, :v)`,
		a.CohortID, a.AuthorID, a.Phase, codec.JSON(a.Answers), codec.Millis(a.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert %s self-assessment of %s by %s: %w", a.Phase, a.CohortID, a.AuthorID, err)
	}
	return nil
}

// UpdateProfile writes the editable fields of p and refreshes its search
// text; showing or hiding the profile at now lists or unlists its owner
// in their cohorts (ListingsChanged).
func (t *Tx) UpdateProfile(ctx context.Context, p app.Participant, now time.Time) error {
	if err := t.remember(ctx, "participants", p.ID); err != nil {
		return err
	}
	res, err := t.Exec(ctx, `UPDATE participants SET name = ?, kana = ?, age_band = ?, job_role = ?,
		themes = ?, interests = ?, intro = ?, modes = ?, free_times = ?, free_week = ?, visible = ?, sort_key = ?,
		version = :v WHERE id = ?`,
		p.Name, p.Kana, p.AgeBand, p.JobRole, codec.JSON(p.Themes), p.Interests, p.Intro,
		codec.JSON(p.Modes), p.FreeTimes, codec.JSON(p.FreeWeek), codec.Bool(p.Visible), codec.SortKey(p.Kana), p.ID)
	if err != nil {
		return fmt.Errorf("update profile %s: %w", p.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("update profile %s: %w", p.ID, app.ErrNotFound)
	}
	if err := t.ListingsChanged(ctx, []string{p.ID}, now); err != nil {
		return err
	}
	return t.Reindex(ctx, []string{p.ID}, nil)
}

// SetBookmark adds or removes owner's bookmark on target. Removing leaves
// a tombstone so that replicas learn of it.
func (t *Tx) SetBookmark(ctx context.Context, ownerID, targetID string, on bool, now time.Time) error {
	if err := t.remember(ctx, "bookmarks", ownerID, targetID); err != nil {
		return err
	}
	key := ownerID + "/" + targetID
	var err error
	if on {
		_, err = t.Exec(ctx, `INSERT INTO bookmarks (owner_id, target_id, created_at, version) VALUES (?, ?, ?, :v)
			ON CONFLICT (owner_id, target_id) DO NOTHING`, ownerID, targetID, codec.Millis(now))
		if err == nil {
			_, err = t.tx.ExecContext(ctx, `DELETE FROM tombstones WHERE tbl = 'bookmarks' AND row_key = ?`, key)
		}
	} else {
		var res sql.Result
		res, err = t.tx.ExecContext(ctx, `DELETE FROM bookmarks WHERE owner_id = ? AND target_id = ?`, ownerID, targetID)
		var n int64
		// A replica's deletions travel as mutations, not tombstones.
		if n, err = codec.RowsAffected(res, err); err == nil && n == 1 && !t.tracked() {
			err = t.Tombstone(ctx, "bookmarks", key, now)
		}
	}
	if err != nil {
		return fmt.Errorf("set bookmark %s: %w", key, err)
	}
	return nil
}

// ExpireOffers moves pending offers past expiry, or in a cohort that no
// longer runs, to expired.
func (t *Tx) ExpireOffers(ctx context.Context, now time.Time) (int, error) {
	today := codec.Day(now)
	res, err := t.Exec(ctx, `UPDATE offers SET state = 'expired', turn = '', updated_at = ?, version = :v
		WHERE state = 'pending' AND (expires_at <= ? OR cohort_id IN
			(SELECT id FROM cohorts WHERE state <> 'open' OR ends_on < ?))`,
		codec.Millis(now), codec.Millis(now), today)
	n, err := codec.RowsAffected(res, err)
	if err != nil {
		return 0, fmt.Errorf("expire offers: %w", err)
	}
	return int(n), nil
}

// RemoveMember takes a participant out of a cohort, leaving a tombstone,
// and one of their listing when they were listed (memberLeft).
func (t *Tx) RemoveMember(ctx context.Context, cohortID, participantID string, now time.Time) error {
	res, err := t.tx.ExecContext(ctx, `DELETE FROM cohort_members WHERE cohort_id = ? AND participant_id = ?`,
		cohortID, participantID)
	if n, err := codec.RowsAffected(res, err); err != nil {
		return fmt.Errorf("remove %s from cohort %s: %w", participantID, cohortID, err)
	} else if n == 1 {
		t.directoryChanged = true
		if err := t.Tombstone(ctx, "cohort_members", cohortID+"/"+participantID, now); err != nil {
			return err
		}
		return t.memberLeft(ctx, cohortID, participantID, now)
	}
	return nil
}

// Tombstone records the deletion of a row at now, keyed as its table's
// replicas know it.
func (t *Tx) Tombstone(ctx context.Context, tbl, key string, now time.Time) error {
	_, err := t.Exec(ctx, `INSERT INTO tombstones (tbl, row_key, version, deleted_at) VALUES (?, ?, :v, ?)
		ON CONFLICT (tbl, row_key) DO UPDATE SET version = excluded.version, deleted_at = excluded.deleted_at`,
		tbl, key, codec.Millis(now))
	if err != nil {
		return fmt.Errorf("tombstone %s %s: %w", tbl, key, err)
	}
	return nil
}
