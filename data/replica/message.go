package replica

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// threadIDOf is the SQL for the thread of ?2, an offer's id or a talk's:
// a talk's thread is its offer's.
const threadIDOf = `coalesce((SELECT offer_id FROM talks WHERE id = ?2), ?2)`

// Thread lists the messages of the thread of id — an offer's or a talk's
// id: a talk's thread is its offer's — in their order (app.Message.Seq),
// when me is one of its two sides; none otherwise. A message of me's
// carries ReadByOther when the other side has read the thread up to it or
// past it (既読), and Queued while it waits in the outbox (送信待ち).
func (s *Store) Thread(ctx context.Context, me, id string) ([]app.Message, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.MessageCols+`,
			m.author_id = ?1 AND EXISTS (SELECT 1 FROM message_reads r
				WHERE r.thread_id = m.thread_id AND r.reader_id = m.to_id AND r.up_to_seq >= m.seq),
			EXISTS (SELECT 1 FROM outbox q WHERE q.name = '`+app.MessageSend+`' AND json_extract(q.args, '$.id') = m.id)
		FROM messages m WHERE m.thread_id = `+threadIDOf+` AND (m.author_id = ?1 OR m.to_id = ?1)
		ORDER BY m.seq`, me, id)
	if err != nil {
		return nil, fmt.Errorf("thread %s of %s: %w", id, me, err)
	}
	defer rows.Close()
	var out []app.Message
	for rows.Next() {
		var read, queued bool
		m, err := codec.ScanMessage(rows, &read, &queued)
		if err != nil {
			return nil, fmt.Errorf("thread %s of %s: %w", id, me, err)
		}
		m.ReadByOther, m.Queued = read, queued
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("thread %s of %s: %w", id, me, err)
	}
	return out, nil
}

// ThreadSummaries lists me's threads that hold a message, the one with
// the newest message first: for each, how many messages the other side
// sent that me has not read yet (not up to me's read mark), and the
// newest message.
func (s *Store) ThreadSummaries(ctx context.Context, me string) ([]app.ThreadSummary, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+codec.MessageCols+`,
			(SELECT count(*) FROM messages u WHERE u.thread_id = m.thread_id AND u.to_id = ?1
				AND u.seq > coalesce((SELECT r.up_to_seq FROM message_reads r
					WHERE r.thread_id = m.thread_id AND r.reader_id = ?1), 0))
		FROM messages m
		WHERE (m.author_id = ?1 OR m.to_id = ?1)
			AND m.seq = (SELECT max(seq) FROM messages l WHERE l.thread_id = m.thread_id)
		ORDER BY m.created_at DESC, m.thread_id`, me)
	if err != nil {
		return nil, fmt.Errorf("threads of %s: %w", me, err)
	}
	defer rows.Close()
	var out []app.ThreadSummary
	for rows.Next() {
		var t app.ThreadSummary
		if t.Last, err = codec.ScanMessage(rows, &t.Unread); err != nil {
			return nil, fmt.Errorf("threads of %s: %w", me, err)
		}
		t.ThreadID = t.Last.ThreadID
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("threads of %s: %w", me, err)
	}
	return out, nil
}

// UnreadMessages counts the messages sent to me that me has not read
// yet, in all of me's threads.
func (s *Store) UnreadMessages(ctx context.Context, me string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM messages m WHERE m.to_id = ?1
		AND m.seq > coalesce((SELECT r.up_to_seq FROM message_reads r
			WHERE r.thread_id = m.thread_id AND r.reader_id = ?1), 0)`, me).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("unread messages of %s: %w", me, err)
	}
	return n, nil
}
