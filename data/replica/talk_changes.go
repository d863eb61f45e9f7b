package replica

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// TalkChanges lists me's talks with a change by the other person that is
// not seen on this device yet (talk_seen), or a proposal of theirs that
// waits for me's answer at now, newest change first.
func (s *Store) TalkChanges(ctx context.Context, me string, now time.Time) ([]app.TalkChange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.TalkCols+`, p.id, p.name, c.name, ts.seen_at
		FROM talks t
		JOIN participants p ON p.id = CASE WHEN t.a_id = ?1 THEN t.b_id ELSE t.a_id END
		JOIN companies c ON c.id = p.company_id
		LEFT JOIN talk_seen ts ON ts.talk_id = t.id
		WHERE (t.a_id = ?1 OR t.b_id = ?1) AND t.history <> '[]'`, me)
	if err != nil {
		return nil, fmt.Errorf("talk changes of %s: %w", me, err)
	}
	defer rows.Close()
	var out []app.TalkChange
	for rows.Next() {
		var c app.TalkChange
		var seen sql.NullInt64
		if c.Talk, err = codec.ScanTalk(rows, &c.OtherID, &c.OtherName, &c.OtherCompany, &seen); err != nil {
			return nil, fmt.Errorf("talk changes of %s: %w", me, err)
		}
		e, changed := c.ChangedBy(c.OtherID)
		if !changed {
			continue
		}
		c.Event = e
		c.Unseen = !seen.Valid || codec.Millis(e.At) > seen.Int64
		if c.Unseen || c.Waiting(me, now) {
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("talk changes of %s: %w", me, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Event.At.Equal(out[j].Event.At) {
			return out[i].Event.At.After(out[j].Event.At)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// MarkTalkSeen records that the changes of talk id up to upTo have been
// seen on this device. It never moves the mark back.
func (s *Store) MarkTalkSeen(ctx context.Context, id string, upTo time.Time) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO talk_seen (talk_id, seen_at) VALUES (?1, ?2)
			ON CONFLICT (talk_id) DO UPDATE SET seen_at = max(seen_at, excluded.seen_at)`, id, codec.Millis(upTo))
		if err != nil {
			return fmt.Errorf("talk %s seen: %w", id, err)
		}
		return nil
	})
}
