package app

import (
	"context"
	"time"
)

// Pending offer checks shared by every transition out of pending.

// ExpiredAt reports whether a pending offer has passed its expiry at now,
// or its cohort no longer runs. Only the server's clock makes this final.
func (o Offer) ExpiredAt(now time.Time, c Cohort) bool {
	return !now.Before(o.ExpiresAt) || !c.OpenAt(now)
}

// pendingOffer loads offer id and checks that it can still change at now:
// it is pending, not past expiry, and actor is one of its two sides.
func pendingOffer(ctx context.Context, tx Tx, id string, actor Participant, now time.Time) (Offer, Cohort, error) {
	if err := checkID(id, "offer id"); err != nil {
		return Offer{}, Cohort{}, err
	}
	o, err := tx.Offer(ctx, id)
	if o, err = load(o, err, CodeNotFound, "offer "+id); err != nil {
		return o, Cohort{}, err
	}
	if o.FromID != actor.ID && o.ToID != actor.ID {
		// Someone else's offer: answer as if it did not exist.
		return o, Cohort{}, Reject(CodeNotFound, "offer %s", id)
	}
	if o.State != OfferPending {
		return o, Cohort{}, Reject(CodeOfferNotPending, "offer %s is %s", id, o.State)
	}
	c, err := tx.Cohort(ctx, o.CohortID)
	if c, err = load(c, err, CodeNotFound, "cohort "+o.CohortID); err != nil {
		return o, c, err
	}
	if o.ExpiredAt(now, c) {
		return o, c, Reject(CodeOfferExpired, "offer %s expired at %s", id, o.ExpiresAt)
	}
	return o, c, nil
}

// saveOffer writes the changed offer next, guarded by prev.
func saveOffer(ctx context.Context, tx Tx, next, prev Offer, now time.Time) error {
	next.UpdatedAt = now
	ok, err := tx.UpdateOffer(ctx, next, prev)
	if err != nil {
		return err
	}
	if !ok {
		return Reject(CodeOfferNotPending, "offer %s changed meanwhile", prev.ID)
	}
	return nil
}

// SendOfferArgs are the arguments of offer.send.v1. ID is a UUID made by
// the client.
type SendOfferArgs struct {
	ID       string      `json:"id"`
	CohortID string      `json:"cohortId"`
	ToID     string      `json:"toId"`
	Message  string      `json:"message"`
	Mode     Mode        `json:"mode"`
	Slots    []time.Time `json:"slots"`
}

func sendOffer(ctx context.Context, tx Tx, a Actor, args SendOfferArgs, now time.Time) error {
	if err := checkID(args.ID, "offer id"); err != nil {
		return err
	}
	if err := checkText(args.Message, "message", 1, MaxMessageRunes); err != nil {
		return err
	}
	if !args.Mode.Valid() {
		return Reject(CodeBadArgs, "mode %q", args.Mode)
	}
	from, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	if args.ToID == from.ID {
		return Reject(CodeSelf, "offer to oneself")
	}
	to, err := tx.Participant(ctx, args.ToID)
	if to, err = load(to, err, CodeNotFound, "recipient "+args.ToID); err != nil {
		return err
	}
	if to.CompanyID == from.CompanyID {
		return Reject(CodeSameCompany, "both in company %s", to.CompanyID)
	}
	if !to.Visible {
		return Reject(CodeRecipientInvisible, "%s is not visible", to.ID)
	}
	c, err := openCohortFor(ctx, tx, args.CohortID, now, from, to)
	if err != nil {
		return err
	}
	if !to.Accepts(args.Mode) {
		return Reject(CodeModeNotAccepted, "%s does not take %s talks", to.ID, args.Mode)
	}
	slots, err := slotsFor(args.Slots, c, now)
	if err != nil {
		return err
	}
	if err := absent(tx.Offer(ctx, args.ID)); err != nil {
		return err
	}
	if busy, err := tx.PendingBetween(ctx, from.ID, to.ID, now); err != nil {
		return err
	} else if busy {
		return Reject(CodeAlreadyPending, "%s and %s already have a pending offer", from.ID, to.ID)
	}
	if n, err := tx.CountPending(ctx, c.ID, from.ID, true, now); err != nil {
		return err
	} else if n >= c.Rules.MaxPendingSent {
		return Reject(CodeSenderBusy, "%s has %d pending offers sent", from.ID, n)
	}
	if n, err := tx.CountPending(ctx, c.ID, to.ID, false, now); err != nil {
		return err
	} else if n >= c.Rules.MaxPendingReceived {
		return Reject(CodeRecipientBusy, "%s has %d pending offers received", to.ID, n)
	}
	expires := now.AddDate(0, 0, c.Rules.OfferExpiryDays)
	if expires.After(c.Ends()) {
		expires = c.Ends()
	}
	return tx.InsertOffer(ctx, Offer{
		ID: args.ID, CohortID: c.ID, FromID: from.ID, ToID: to.ID,
		Message: args.Message, Slots: slots, Mode: args.Mode,
		State: OfferPending, Turn: to.ID,
		CreatedAt: now, UpdatedAt: now, ExpiresAt: expires,
	})
}

// AcceptOfferArgs are the arguments of offer.accept.v1: the start of one
// of the proposed slots, and optionally the place or meeting link.
type AcceptOfferArgs struct {
	OfferID string    `json:"offerId"`
	Start   time.Time `json:"start"`
	Place   string    `json:"place,omitempty"`
}

func acceptOffer(ctx context.Context, tx Tx, a Actor, args AcceptOfferArgs, now time.Time) error {
	if err := checkText(args.Place, "place", 0, MaxPlaceRunes); err != nil {
		return err
	}
	o, _, err := myTurn(ctx, tx, a, args.OfferID, now)
	if err != nil {
		return err
	}
	var slot *Slot
	for i := range o.Slots {
		if o.Slots[i].Start.Equal(args.Start) {
			slot = &o.Slots[i]
		}
	}
	if slot == nil {
		return Reject(CodeSlotNotOffered, "%s is not a proposed time of offer %s", args.Start, o.ID)
	}
	if !slot.Start.After(now) {
		return Reject(CodeSlotInPast, "slot %s has passed", slot.Start)
	}
	next := o
	start := slot.Start
	next.State, next.Turn, next.ChosenStart, next.AnsweredAt = OfferAccepted, "", &start, &now
	next.TalkID = TalkIDFor(o.ID)
	if err := saveOffer(ctx, tx, next, o, now); err != nil {
		return err
	}
	return tx.InsertTalk(ctx, Talk{
		ID: next.TalkID, OfferID: o.ID, CohortID: o.CohortID, AID: o.FromID, BID: o.ToID,
		Start: slot.Start, End: slot.End, Mode: o.Mode, Place: args.Place,
		State: TalkScheduled, CreatedAt: now, UpdatedAt: now,
		History: []TalkEvent{{At: now, By: a.ParticipantID, Kind: EventAgreed, Start: slot.Start, End: slot.End}},
	})
}

// myTurn loads offer id for an answer by actor a: it must be pending, not
// past expiry, a's turn, and both sides still in its open cohort.
func myTurn(ctx context.Context, tx Tx, a Actor, id string, now time.Time) (Offer, Cohort, error) {
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return Offer{}, Cohort{}, err
	}
	o, c, err := pendingOffer(ctx, tx, id, me, now)
	if err != nil {
		return o, c, err
	}
	if o.Turn != me.ID {
		return o, c, Reject(CodeNotYourTurn, "offer %s waits for %s", o.ID, o.Turn)
	}
	_, err = pairInOpenCohort(ctx, tx, c.ID, o.FromID, o.ToID, now)
	return o, c, err
}

// pairInOpenCohort re-checks, when an offer is answered or a talk moved,
// that both people are still in the cohort and that it is open, and
// returns it.
func pairInOpenCohort(ctx context.Context, tx Tx, cohortID, a, b string, now time.Time) (Cohort, error) {
	pa, err := tx.Participant(ctx, a)
	if pa, err = load(pa, err, CodeNotFound, "participant "+a); err != nil {
		return Cohort{}, err
	}
	pb, err := tx.Participant(ctx, b)
	if pb, err = load(pb, err, CodeNotFound, "participant "+b); err != nil {
		return Cohort{}, err
	}
	return openCohortFor(ctx, tx, cohortID, now, pa, pb)
}

// CounterOfferArgs are the arguments of offer.counter.v1: other times, none
// of them one the offer already proposes, and optionally a message that
// replaces the offer's.
type CounterOfferArgs struct {
	OfferID string      `json:"offerId"`
	Slots   []time.Time `json:"slots"`
	Message string      `json:"message,omitempty"`
}

func counterOffer(ctx context.Context, tx Tx, a Actor, args CounterOfferArgs, now time.Time) error {
	if err := checkText(args.Message, "message", 0, MaxMessageRunes); err != nil {
		return err
	}
	o, c, err := myTurn(ctx, tx, a, args.OfferID, now)
	if err != nil {
		return err
	}
	if o.Rounds >= MaxRounds {
		return Reject(CodeTooManyRounds, "offer %s had %d rounds", o.ID, o.Rounds)
	}
	slots, err := slotsFor(args.Slots, c, now)
	if err != nil {
		return err
	}
	for _, s := range slots {
		for _, prev := range o.Slots {
			if prev.Start.Equal(s.Start) {
				return Reject(CodeSlotAlreadyOffered, "%s is already proposed by offer %s", s.Start, o.ID)
			}
		}
	}
	next := o
	next.Slots, next.Turn, next.Rounds = slots, o.Other(a.ParticipantID), o.Rounds+1
	if args.Message != "" {
		next.Message = args.Message
	}
	if next.AnsweredAt == nil {
		next.AnsweredAt = &now
	}
	next.ExpiresAt = now.AddDate(0, 0, c.Rules.OfferExpiryDays)
	if next.ExpiresAt.After(c.Ends()) {
		next.ExpiresAt = c.Ends()
	}
	return saveOffer(ctx, tx, next, o, now)
}

// DeclineOfferArgs are the arguments of offer.decline.v1: one of
// DeclineReasons and an optional note.
type DeclineOfferArgs struct {
	OfferID string `json:"offerId"`
	Reason  string `json:"reason"`
	Note    string `json:"note,omitempty"`
}

func declineOffer(ctx context.Context, tx Tx, a Actor, args DeclineOfferArgs, now time.Time) error {
	if err := checkChoice(args.Reason, "reason", DeclineReasons); err != nil {
		return err
	}
	if err := checkText(args.Note, "note", 0, MaxNoteRunes); err != nil {
		return err
	}
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	o, _, err := pendingOffer(ctx, tx, args.OfferID, me, now)
	if err != nil {
		return err
	}
	if o.ToID != me.ID {
		return Reject(CodeNotAllowed, "only the recipient declines; the sender withdraws")
	}
	next := o
	next.State, next.Turn, next.Reason, next.Note = OfferDeclined, "", args.Reason, args.Note
	if next.AnsweredAt == nil {
		next.AnsweredAt = &now
	}
	return saveOffer(ctx, tx, next, o, now)
}

// WithdrawOfferArgs are the arguments of offer.withdraw.v1.
type WithdrawOfferArgs struct {
	OfferID string `json:"offerId"`
}

func withdrawOffer(ctx context.Context, tx Tx, a Actor, args WithdrawOfferArgs, now time.Time) error {
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	o, _, err := pendingOffer(ctx, tx, args.OfferID, me, now)
	if err != nil {
		return err
	}
	if o.FromID != me.ID {
		return Reject(CodeNotAllowed, "only the sender withdraws; the recipient declines")
	}
	next := o
	next.State, next.Turn = OfferWithdrawn, ""
	return saveOffer(ctx, tx, next, o, now)
}
