package data

import (
	"context"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// The message threads of issue 19 (migration 015).

// Message loads one message.
func (t *Tx) Message(ctx context.Context, id string) (app.Message, error) {
	m, err := codec.ScanMessage(t.tx.QueryRowContext(ctx, `SELECT `+codec.MessageCols+` FROM messages m WHERE m.id = ?`, id))
	return m, codec.NotFound(err, "message "+id)
}

// InsertMessage writes a new message, numbered after the last of its
// thread (m.Seq is ignored).
func (t *Tx) InsertMessage(ctx context.Context, m app.Message) error {
	if err := t.remember(ctx, "messages", m.ID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO messages (id, thread_id, author_id, to_id, seq, text, created_at, version)
		VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(seq), 0) + 1 FROM messages WHERE thread_id = ?2), ?5, ?6, :v)`,
		m.ID, m.ThreadID, m.AuthorID, m.ToID, m.Text, codec.Millis(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert message %s: %w", m.ID, err)
	}
	return nil
}

// MessagesSince counts the messages authorID wrote into a thread after
// since.
func (t *Tx) MessagesSince(ctx context.Context, threadID, authorID string, since time.Time) (int, error) {
	var n int
	err := t.tx.QueryRowContext(ctx, `SELECT count(*) FROM messages
		WHERE thread_id = ? AND author_id = ? AND created_at > ?`, threadID, authorID, codec.Millis(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("messages of %s in %s: %w", authorID, threadID, err)
	}
	return n, nil
}

// ThreadReadMark loads how far readerID has read a thread.
func (t *Tx) ThreadReadMark(ctx context.Context, threadID, readerID string) (app.MessageReadMark, error) {
	r, err := codec.ScanMessageRead(t.tx.QueryRowContext(ctx, `SELECT `+codec.MessageReadCols+` FROM message_reads r
		WHERE r.thread_id = ? AND r.reader_id = ?`, threadID, readerID))
	return r, codec.NotFound(err, "read mark of "+readerID+" in "+threadID)
}

// SetThreadReadMark writes how far a side has read a thread.
func (t *Tx) SetThreadReadMark(ctx context.Context, r app.MessageReadMark) error {
	if err := t.remember(ctx, "message_reads", r.ThreadID, r.ReaderID); err != nil {
		return err
	}
	_, err := t.Exec(ctx, `INSERT INTO message_reads (thread_id, reader_id, other_id, up_to_id, up_to_seq, read_at, version)
		VALUES (?, ?, ?, ?, ?, ?, :v)
		ON CONFLICT (thread_id, reader_id) DO UPDATE SET other_id = excluded.other_id, up_to_id = excluded.up_to_id,
			up_to_seq = excluded.up_to_seq, read_at = excluded.read_at, version = excluded.version`,
		r.ThreadID, r.ReaderID, r.OtherID, r.UpToID, r.UpToSeq, codec.Millis(r.ReadAt))
	if err != nil {
		return fmt.Errorf("read mark of %s in %s: %w", r.ReaderID, r.ThreadID, err)
	}
	return nil
}
