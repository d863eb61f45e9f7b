package codec

import "crosstalk/app"

// MessageCols are the columns ScanMessage reads, of messages m.
const MessageCols = `m.id, m.thread_id, m.author_id, m.to_id, m.seq, m.text, m.created_at`

// ScanMessage scans MessageCols (and extra) into a message.
func ScanMessage(sc Scanner, extra ...any) (app.Message, error) {
	var m app.Message
	var created int64
	err := sc.Scan(append([]any{&m.ID, &m.ThreadID, &m.AuthorID, &m.ToID, &m.Seq, &m.Text, &created}, extra...)...)
	m.CreatedAt = FromMillis(created)
	return m, err
}

// MessageReadCols are the columns ScanMessageRead reads, of message_reads r.
const MessageReadCols = `r.thread_id, r.reader_id, r.other_id, r.up_to_id, r.up_to_seq, r.read_at`

// ScanMessageRead scans MessageReadCols (and extra) into a read mark.
func ScanMessageRead(sc Scanner, extra ...any) (app.MessageReadMark, error) {
	var r app.MessageReadMark
	var at int64
	err := sc.Scan(append([]any{&r.ThreadID, &r.ReaderID, &r.OtherID, &r.UpToID, &r.UpToSeq, &at}, extra...)...)
	r.ReadAt = FromMillis(at)
	return r, err
}
