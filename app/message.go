package app

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode"
)

// A message thread per offer and talk (issue 19). The two sides of an
// offer exchange short messages in one thread, which goes on on the
// offer's talk once it is agreed: a talk keeps its offer's id
// (Talk.OfferID), and the thread's id is the offer's. Only the two people
// ever receive its rows: never HR, never the secretariat, and no export
// holds them.
//
// A thread takes messages while its offer is pending (and not past its
// expiry), and after it was accepted while its talk is scheduled, held or
// marked not held (a word of thanks comes after the talk), until
// ThreadOpenAfterTalk after the talk ended. One side writes at most
// MaxMessagesPerDay messages a day into a thread, and each shows
// something (not only joiners or marks). An offer that
// ended without a talk — declined, withdrawn, expired — or whose talk was
// cancelled closes its thread (CodeThreadClosed): what was said stays
// readable on both sides, and can still be marked read.

// Mutator names of the thread.
const (
	MessageSend = "message.send.v1"
	MessageRead = "message.read.v1"
)

// MaxThreadMessageRunes is the longest message of a thread, in
// characters.
const MaxThreadMessageRunes = 1000

// MaxMessagesPerDay is how many messages one side may write into one
// thread within MessageDay: enough for any arrangement, and a bound on
// what the other side can be sent (CodeTooManyMessages).
const (
	MaxMessagesPerDay = 30
	MessageDay        = 24 * time.Hour
)

// ThreadOpenAfterTalk is how long after its talk ended a thread still
// takes messages (a word of thanks, a follow-up); then it closes, so that
// neither side can be written to for ever.
const ThreadOpenAfterTalk = 30 * 24 * time.Hour

// Message is one message of a thread.
type Message struct {
	ID       string `json:"id"`
	ThreadID string `json:"threadId"` // the offer's id
	AuthorID string `json:"authorId"`
	ToID     string `json:"toId"` // the other side of the offer
	// Seq numbers the thread's messages 1, 2, 3… in the order they were
	// applied: the thread shows them in this order.
	Seq       int       `json:"seq"`
	Text      string    `json:"text"` // as sent: line breaks kept, never turned into links
	CreatedAt time.Time `json:"createdAt"`
	// ReadByOther, set by the replica's queries only, tells that the
	// other side has read the thread up to this message or past it (既読).
	ReadByOther bool `json:"-"`
	// Queued, set by the replica's queries only, tells that this message
	// of mine waits in the outbox: the server, and the other side, do not
	// have it yet (送信待ち).
	Queued bool `json:"-"`
}

// MessageReadMark is how far one side has read a thread: up to the
// message UpToID, the UpToSeq-th.
type MessageReadMark struct {
	ThreadID string    `json:"threadId"`
	ReaderID string    `json:"readerId"`
	OtherID  string    `json:"otherId"`
	UpToID   string    `json:"upToId"`
	UpToSeq  int       `json:"upToSeq"`
	ReadAt   time.Time `json:"readAt"`
}

// ThreadRef names a thread by its offer or by its talk: exactly one of
// the two ids.
type ThreadRef struct {
	OfferID string `json:"offerId,omitempty"`
	TalkID  string `json:"talkId,omitempty"`
}

// SendMessageArgs are the arguments of message.send.v1. ID is a UUID made
// by the client; the thread is named by the offer's or the talk's id.
type SendMessageArgs struct {
	ID      string `json:"id"`
	OfferID string `json:"offerId,omitempty"`
	TalkID  string `json:"talkId,omitempty"`
	Text    string `json:"text"`
}

// ReadMessagesArgs are the arguments of message.read.v1: the actor has
// read the thread up to the message UpToID, one the other side wrote (the
// newest of theirs the thread's screen shows). Naming one of the actor's
// own is refused (CodeBadArgs): the server may have put a message of the
// other side before it that the actor has not seen yet.
type ReadMessagesArgs struct {
	OfferID string `json:"offerId,omitempty"`
	TalkID  string `json:"talkId,omitempty"`
	UpToID  string `json:"upToId"`
}

// ThreadOpen tells whether the thread of o takes a new message at now: nil
// when it does, else a *Rejection with CodeThreadClosed. talk is o's talk,
// nil when o has none; c is o's cohort.
func ThreadOpen(o Offer, talk *Talk, c Cohort, now time.Time) error {
	switch o.State {
	case OfferPending:
		if o.ExpiredAt(now, c) {
			return Reject(CodeThreadClosed, "offer %s expired at %s", o.ID, o.ExpiresAt)
		}
		return nil
	case OfferAccepted:
		if talk == nil {
			return Reject(CodeThreadClosed, "offer %s has no talk", o.ID)
		}
		if talk.State == TalkCancelled {
			return Reject(CodeThreadClosed, "talk %s was cancelled", talk.ID)
		}
		if !now.Before(talk.End.Add(ThreadOpenAfterTalk)) {
			return Reject(CodeThreadClosed, "talk %s ended at %s", talk.ID, talk.End)
		}
		return nil
	default:
		return Reject(CodeThreadClosed, "offer %s is %s", o.ID, o.State)
	}
}

// threadOf loads the offer whose thread ref names, and checks that me is
// one of its sides: someone else's thread is answered as if it did not
// exist. It returns the offer's talk too, nil when it has none.
func threadOf(ctx context.Context, tx Tx, me Participant, ref ThreadRef) (Offer, *Talk, error) {
	offerID := ref.OfferID
	var talk *Talk
	switch {
	case (ref.OfferID == "") == (ref.TalkID == ""):
		return Offer{}, nil, Reject(CodeBadArgs, "name the thread by offerId or by talkId, not both")
	case ref.TalkID != "":
		if err := checkID(ref.TalkID, "talk id"); err != nil {
			return Offer{}, nil, err
		}
		k, err := tx.Talk(ctx, ref.TalkID)
		if k, err = load(k, err, CodeNotFound, "talk "+ref.TalkID); err != nil {
			return Offer{}, nil, err
		}
		if !k.Has(me.ID) {
			return Offer{}, nil, Reject(CodeNotFound, "talk %s", ref.TalkID)
		}
		talk, offerID = &k, k.OfferID
	}
	if err := checkID(offerID, "offer id"); err != nil {
		return Offer{}, nil, err
	}
	o, err := tx.Offer(ctx, offerID)
	if o, err = load(o, err, CodeNotFound, "offer "+offerID); err != nil {
		return o, nil, err
	}
	if o.FromID != me.ID && o.ToID != me.ID {
		return o, nil, Reject(CodeNotFound, "offer %s", offerID)
	}
	if talk == nil && o.TalkID != "" {
		k, err := tx.Talk(ctx, o.TalkID)
		switch {
		case err == nil:
			talk = &k
		case !errors.Is(err, ErrNotFound):
			return o, nil, fmt.Errorf("load talk %s: %w", o.TalkID, err)
		}
	}
	return o, talk, nil
}

func sendMessage(ctx context.Context, tx Tx, a Actor, args SendMessageArgs, now time.Time) error {
	if err := checkID(args.ID, "message id"); err != nil {
		return err
	}
	if err := checkText(args.Text, "message", 1, MaxThreadMessageRunes); err != nil {
		return err
	}
	if !hasVisible(args.Text) {
		return Reject(CodeBadArgs, "message shows nothing")
	}
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	o, talk, err := threadOf(ctx, tx, me, ThreadRef{OfferID: args.OfferID, TalkID: args.TalkID})
	if err != nil {
		return err
	}
	c, err := tx.Cohort(ctx, o.CohortID)
	if c, err = load(c, err, CodeNotFound, "cohort "+o.CohortID); err != nil {
		return err
	}
	if err := ThreadOpen(o, talk, c, now); err != nil {
		return err
	}
	if err := absent(tx.Message(ctx, args.ID)); err != nil {
		return err
	}
	if n, err := tx.MessagesSince(ctx, o.ID, me.ID, now.Add(-MessageDay)); err != nil {
		return fmt.Errorf("messages of %s in %s: %w", me.ID, o.ID, err)
	} else if n >= MaxMessagesPerDay {
		return Reject(CodeTooManyMessages, "%s wrote %d messages in %s within a day", me.ID, n, o.ID)
	}
	return tx.InsertMessage(ctx, Message{
		ID: args.ID, ThreadID: o.ID, AuthorID: me.ID, ToID: o.Other(me.ID), Text: args.Text, CreatedAt: now,
	})
}

func readMessages(ctx context.Context, tx Tx, a Actor, args ReadMessagesArgs, now time.Time) error {
	if err := checkID(args.UpToID, "message id"); err != nil {
		return err
	}
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	o, _, err := threadOf(ctx, tx, me, ThreadRef{OfferID: args.OfferID, TalkID: args.TalkID})
	if err != nil {
		return err
	}
	m, err := tx.Message(ctx, args.UpToID)
	if m, err = load(m, err, CodeNotFound, "message "+args.UpToID); err != nil {
		return err
	}
	if m.ThreadID != o.ID {
		return Reject(CodeNotFound, "message %s is not in thread %s", m.ID, o.ID)
	}
	if m.ToID != me.ID {
		return Reject(CodeBadArgs, "message %s is not the other side's", m.ID)
	}
	prev, err := tx.ThreadReadMark(ctx, o.ID, me.ID)
	switch {
	case err == nil && prev.UpToSeq >= m.Seq:
		return nil // read that far already: the mark only moves on
	case err != nil && !errors.Is(err, ErrNotFound):
		return fmt.Errorf("read mark of %s in %s: %w", me.ID, o.ID, err)
	}
	return tx.SetThreadReadMark(ctx, MessageReadMark{
		ThreadID: o.ID, ReaderID: me.ID, OtherID: o.Other(me.ID), UpToID: m.ID, UpToSeq: m.Seq, ReadAt: now,
	})
}

// ThreadSummary is one thread of a person as their device knows it: how
// many messages the other side sent that they have not read yet, and the
// newest message.
type ThreadSummary struct {
	ThreadID string
	Unread   int
	Last     Message
}

// hasVisible reports whether s shows something: a letter, a digit, a
// punctuation mark or a symbol, not only joiners, variation selectors,
// combining marks or blank patterns that print as nothing.
func hasVisible(s string) bool {
	for _, r := range s {
		if r == '\u2800' { // the blank Braille pattern
			continue
		}
		if unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) {
			return true
		}
	}
	return false
}
