package replica

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Inbox lists me's offers in one view, newest activity first, each
// with the talk it led to. The inbox's lists (app.BoxNeedsMyAnswer,
// app.BoxTheirAnswer, app.BoxScheduled, app.BoxFinished) hold the offers
// that app.InboxItem.Box puts there, so each offer is in one of them.
func (s *Store) Inbox(ctx context.Context, me string, box app.Box, now time.Time) ([]app.InboxItem, error) {
	// The condition narrows the rows read; Box decides.
	var cond string
	switch box {
	case app.BoxNeedsMyAnswer, app.BoxTheirAnswer:
		cond = `o.state = 'pending' AND o.expires_at > ?2`
	case app.BoxScheduled:
		cond = `o.state = 'accepted'`
	case app.BoxFinished:
		cond = `(o.state <> 'pending' OR o.expires_at <= ?2)`
	case app.BoxReceived:
		cond = `o.to_id = ?1`
	case app.BoxSent:
		cond = `o.from_id = ?1`
	default:
		return nil, fmt.Errorf("inbox: unknown box %d", box)
	}
	query := `SELECT ` + codec.OfferCols + `, p.name, p.kana, c.name, ` + queuedCol + `
		FROM offers o
		JOIN participants p ON p.id = CASE WHEN o.from_id = ?1 THEN o.to_id ELSE o.from_id END
		JOIN companies c ON c.id = p.company_id
		WHERE (o.from_id = ?1 OR o.to_id = ?1) AND ` + cond + `
		ORDER BY o.updated_at DESC, o.id`
	rows, err := s.r.QueryContext(ctx, query, me, codec.Millis(now))
	if err != nil {
		return nil, fmt.Errorf("inbox %d of %s: %w", box, me, err)
	}
	defer rows.Close()
	var out []app.InboxItem
	accepted := false
	for rows.Next() {
		var it app.InboxItem
		if it.Offer, err = codec.ScanOffer(rows, &it.OtherName, &it.OtherKana, &it.OtherCompany, &it.Queued); err != nil {
			return nil, fmt.Errorf("inbox %d of %s: %w", box, me, err)
		}
		accepted = accepted || it.State == app.OfferAccepted
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inbox %d of %s: %w", box, me, err)
	}
	if accepted {
		talks, err := s.offerTalks(ctx, me)
		if err != nil {
			return nil, fmt.Errorf("inbox %d of %s: %w", box, me, err)
		}
		for i := range out {
			if k, ok := talks[out[i].ID]; ok {
				out[i].Talk = &k
			}
		}
	}
	if box == app.BoxReceived || box == app.BoxSent {
		return out, nil
	}
	kept := out[:0]
	for _, it := range out {
		if it.Box(me, now) == box {
			kept = append(kept, it)
		}
	}
	return kept, nil
}

// offerTalks maps each of me's offers to the talk it now stands for: the
// newest of its talks, which a move makes in place of the one before.
func (s *Store) offerTalks(ctx context.Context, me string) (map[string]app.Talk, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.TalkCols+` FROM talks t
		WHERE t.a_id = ?1 OR t.b_id = ?1
		ORDER BY t.created_at, t.id`, me)
	if err != nil {
		return nil, fmt.Errorf("talks of the offers: %w", err)
	}
	defer rows.Close()
	out := map[string]app.Talk{}
	for rows.Next() {
		k, err := codec.ScanTalk(rows)
		if err != nil {
			return nil, fmt.Errorf("talks of the offers: %w", err)
		}
		out[k.OfferID] = k // the newest comes last
	}
	return out, rows.Err()
}

// TalksBetween lists me's talks that start in [from, to), in order, with
// the person on the other side. Cancelled talks are included so that the
// calendar can show them struck through.
func (s *Store) TalksBetween(ctx context.Context, me string, from, to time.Time) ([]app.TalkItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.TalkCols+`, p.id, p.name, c.name, `+queuedTalkCol+`
		FROM talks t
		JOIN participants p ON p.id = CASE WHEN t.a_id = ?1 THEN t.b_id ELSE t.a_id END
		JOIN companies c ON c.id = p.company_id
		WHERE (t.a_id = ?1 OR t.b_id = ?1) AND t.start_at >= ?2 AND t.start_at < ?3
		ORDER BY t.start_at, t.id`, me, codec.Millis(from), codec.Millis(to))
	if err != nil {
		return nil, fmt.Errorf("talks of %s: %w", me, err)
	}
	defer rows.Close()
	var out []app.TalkItem
	for rows.Next() {
		var it app.TalkItem
		if it.Talk, err = codec.ScanTalk(rows, &it.OtherID, &it.OtherName, &it.OtherCompany, &it.Queued); err != nil {
			return nil, fmt.Errorf("talks of %s: %w", me, err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// SurveyAggregate summarises the surveys that f selects. Groups of fewer
// than app.MinAggregate people are suppressed.
func (s *Store) SurveyAggregate(ctx context.Context, f app.SurveyFilter) (app.SurveyAggregate, error) {
	var a app.SurveyAggregate
	var sat, rec float64
	var promoters, detractors int
	err := s.r.QueryRowContext(ctx, `SELECT count(DISTINCT sv.author_id), count(*),
		coalesce(avg(sv.satisfaction), 0), coalesce(avg(sv.recommend), 0),
		coalesce(sum(sv.recommend >= 9), 0), coalesce(sum(sv.recommend <= 6), 0)
		FROM surveys sv
		JOIN talks t ON t.id = sv.talk_id
		JOIN participants p ON p.id = sv.author_id
		WHERE (?1 = '' OR t.cohort_id = ?1) AND (?2 = '' OR p.company_id = ?2)`,
		f.CohortID, f.CompanyID).Scan(&a.Respondents, &a.Answers, &sat, &rec, &promoters, &detractors)
	if err != nil {
		return a, fmt.Errorf("survey aggregate: %w", err)
	}
	if a.Respondents < app.MinAggregate {
		return app.SurveyAggregate{Respondents: a.Respondents, Answers: a.Answers, Suppressed: true}, nil
	}
	a.AvgSatisfaction, a.AvgRecommend = sat, rec
	a.NPS = 100 * float64(promoters-detractors) / float64(a.Answers)
	return a, nil
}

// SurveysDue lists me's ended talks, scheduled or held, without me's
// survey, oldest first.
func (s *Store) SurveysDue(ctx context.Context, me string, now time.Time) ([]app.TalkItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.TalkCols+`, p.id, p.name, c.name, `+queuedTalkCol+`
		FROM talks t
		JOIN participants p ON p.id = CASE WHEN t.a_id = ?1 THEN t.b_id ELSE t.a_id END
		JOIN companies c ON c.id = p.company_id
		WHERE (t.a_id = ?1 OR t.b_id = ?1) AND t.end_at <= ?2 AND t.state IN ('scheduled', 'held')
		AND NOT EXISTS (SELECT 1 FROM surveys sv WHERE sv.talk_id = t.id AND sv.author_id = ?1)
		ORDER BY t.start_at, t.id`, me, codec.Millis(now))
	if err != nil {
		return nil, fmt.Errorf("surveys due of %s: %w", me, err)
	}
	defer rows.Close()
	var out []app.TalkItem
	for rows.Next() {
		var it app.TalkItem
		if it.Talk, err = codec.ScanTalk(rows, &it.OtherID, &it.OtherName, &it.OtherCompany, &it.Queued); err != nil {
			return nil, fmt.Errorf("surveys due of %s: %w", me, err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
