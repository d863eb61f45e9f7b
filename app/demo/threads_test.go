package demo

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crosstalk/app"
)

// The demo's threads keep the rules of message.send.v1 and
// message.read.v1: each is the thread of one of DemoUser's offers that
// still takes messages, between its two sides, numbered in order, sent
// after the offer was accepted and before now; each read mark is the
// recipient's and names a message of the other side's. DemoUser has a
// meeting link to read, a place note not read yet, and a message the
// other side has read.
func TestDemoThreads(t *testing.T) {
	for _, now := range nows() {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) {
			d := Demo(now)
			offers := map[string]app.Offer{}
			for _, o := range d.Offers {
				offers[o.ID] = o
			}
			talks := map[string]app.Talk{}
			for _, k := range d.Talks {
				talks[k.ID] = k
			}
			byID := map[string]app.Message{}
			seq := map[string]int{}
			for _, m := range d.Messages {
				o, ok := offers[m.ThreadID]
				if !ok {
					t.Fatalf("message %s: no offer %s", m.ID, m.ThreadID)
				}
				k := talks[o.TalkID]
				if err := app.ThreadOpen(o, &k, d.Cohorts[0], now); err != nil {
					t.Errorf("message %s: the thread is closed: %v", m.ID, err)
				}
				if (m.AuthorID != o.FromID || m.ToID != o.ToID) && (m.AuthorID != o.ToID || m.ToID != o.FromID) {
					t.Errorf("message %s from %s to %s, not between the offer's sides", m.ID, m.AuthorID, m.ToID)
				}
				if m.AuthorID != DemoUser && m.ToID != DemoUser {
					t.Errorf("message %s is not in a thread of DemoUser's", m.ID)
				}
				seq[m.ThreadID]++
				if m.Seq != seq[m.ThreadID] {
					t.Errorf("message %s: seq %d, want %d", m.ID, m.Seq, seq[m.ThreadID])
				}
				if m.CreatedAt.Before(k.CreatedAt) || m.CreatedAt.After(now) {
					t.Errorf("message %s at %v, outside %v..%v", m.ID, m.CreatedAt, k.CreatedAt, now)
				}
				if n := utf8.RuneCountInString(m.Text); n == 0 || n > app.MaxThreadMessageRunes || app.CheckText(m.Text) != nil {
					t.Errorf("message %s: text %q", m.ID, m.Text)
				}
				byID[m.ID] = m
			}
			unread := map[string]int{} // by thread, DemoUser's
			for _, m := range d.Messages {
				if m.ToID == DemoUser {
					unread[m.ThreadID] = m.Seq
				}
			}
			for _, r := range d.MessageReads {
				m, ok := byID[r.UpToID]
				if !ok || m.ToID != r.ReaderID || m.AuthorID != r.OtherID || m.Seq != r.UpToSeq || m.ThreadID != r.ThreadID || r.ReadAt.Before(m.CreatedAt) {
					t.Errorf("read mark %+v does not fit its message %+v", r, m)
				}
				if r.ReaderID == DemoUser && unread[r.ThreadID] <= r.UpToSeq {
					delete(unread, r.ThreadID)
				}
			}
			var link, place, readByOther bool
			for _, m := range d.Messages {
				link = link || strings.Contains(m.Text, "https://meet.example.jp/")
				place = place || strings.Contains(m.Text, "場所：") && unread[m.ThreadID] > 0
				for _, r := range d.MessageReads {
					readByOther = readByOther || m.AuthorID == DemoUser && r.ReaderID == m.ToID && r.UpToSeq >= m.Seq && r.ThreadID == m.ThreadID
				}
			}
			if !link || !place || !readByOther || len(unread) != 1 {
				t.Errorf("link %v, unread place note %v, DemoUser's read by the other %v, threads unread %d (want 1)", link, place, readByOther, len(unread))
			}
		})
	}
}
