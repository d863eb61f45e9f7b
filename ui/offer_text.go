package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// An offer's state is told in words, from the user's side: whose turn it
// is, who accepted, declined or withdrew it, why it ended, and the stock
// reasons that save face when declining.

// shownState is the state offer o is shown in at now. An offer still
// pending in the local file but past its expiry is shown as expired: only
// the server makes that final, but nobody can answer it any more.
func shownState(o app.Offer, now time.Time) app.OfferState {
	if o.State == app.OfferPending && !now.Before(o.ExpiresAt) {
		return app.OfferExpired
	}
	return o.State
}

// isPending reports whether o can still be answered at now.
func isPending(o app.Offer, now time.Time) bool { return shownState(o, now) == app.OfferPending }

// acceptedBy is who accepted o: the side whose turn it was. The turn
// starts with the recipient and passes with every counter-proposal.
func acceptedBy(o app.Offer) string {
	if o.Rounds%2 == 0 {
		return o.ToID
	}
	return o.FromID
}

// personText names the person on the other side of an offer: 山田 太郎さん
// （株式会社さくら商事）.
func personText(name, company string) string {
	return lang.X("offer.person", "{{.Name}} ({{.Company}})", map[string]any{"Name": name, "Company": company})
}

// directionText says who sent the offer, naming the other person either
// way.
func directionText(it app.InboxItem, me string) string {
	if it.FromID == me {
		return lang.X("offer.sent_by_me", "You sent this offer to {{.Name}}.", map[string]any{"Name": it.OtherName})
	}
	return lang.X("offer.sent_to_me", "{{.Name}} sent you this offer.", map[string]any{"Name": it.OtherName})
}

// chosenSlot is the slot of o that was accepted, or false.
func chosenSlot(o app.Offer) (app.Slot, bool) {
	if o.ChosenStart == nil {
		return app.Slot{}, false
	}
	for _, s := range o.Slots {
		if s.Start.Equal(*o.ChosenStart) {
			return s, true
		}
	}
	return app.Slot{}, false
}

// stateText says where offer it stands for me at now, and how strongly it
// asks for attention: a pending offer waiting for me is a warning, an
// accepted one a success. An accepted offer names the time chosen only
// while its talk, when known, is still at that time: once the talk has
// moved, the card's talk line gives its time.
func stateText(it app.InboxItem, me string, now time.Time) (string, widget.Importance) {
	o := it.Offer
	switch shownState(o, now) {
	case app.OfferPending:
		switch {
		case o.Turn != me:
			return lang.X("offer.state.their_turn", "Waiting for the other person's answer."), widget.MediumImportance
		case o.Rounds > 0:
			return lang.X("offer.state.countered", "The other person proposed other times. Please answer."), widget.WarningImportance
		default:
			return lang.X("offer.state.my_turn", "Please answer this offer."), widget.WarningImportance
		}
	case app.OfferAccepted:
		when := ""
		if s, ok := chosenSlot(o); ok {
			when = widgets.FormatSlot(s)
		} else if o.ChosenStart != nil {
			when = widgets.FormatDateTime(*o.ChosenStart)
		}
		data := map[string]any{"Slot": when}
		if movedFrom(it, o.ChosenStart) {
			if acceptedBy(o) == me {
				return lang.X("offer.state.accepted_by_me_moved", "You accepted."), widget.SuccessImportance
			}
			return lang.X("offer.state.accepted_by_them_moved", "The other person accepted."), widget.SuccessImportance
		}
		if acceptedBy(o) == me {
			return lang.X("offer.state.accepted_by_me", "You accepted. The talk is on {{.Slot}}.", data), widget.SuccessImportance
		}
		return lang.X("offer.state.accepted_by_them", "The other person accepted. The talk is on {{.Slot}}.", data), widget.SuccessImportance
	case app.OfferDeclined:
		if o.ToID == me {
			return lang.X("offer.state.declined_by_me", "You declined this offer."), widget.MediumImportance
		}
		return lang.X("offer.state.declined_by_them", "The other person declined this offer."), widget.MediumImportance
	case app.OfferWithdrawn:
		if o.FromID == me {
			return lang.X("offer.state.withdrawn_by_me", "You withdrew this offer."), widget.MediumImportance
		}
		return lang.X("offer.state.withdrawn_by_them", "The other person withdrew this offer."), widget.MediumImportance
	case app.OfferExpired:
		return lang.X("offer.state.expired", "There was no answer by the deadline."), widget.MediumImportance
	}
	return string(o.State), widget.MediumImportance
}

// movedFrom reports whether the talk of it is known and no longer starts
// at chosen, the time accepted.
func movedFrom(it app.InboxItem, chosen *time.Time) bool {
	return it.Talk != nil && (chosen == nil || !it.Talk.Start.Equal(*chosen))
}

// deliveryLine is the line of an inbox card that says whether the
// server has the user's last change of offer it: 送信待ち while it waits
// in the outbox, 送信済み once the server has the offer (or the other
// times) the user sent and the other side is to answer; nothing
// otherwise.
func deliveryLine(it app.InboxItem, me string, now time.Time) []fyne.CanvasObject {
	var p *widgets.Paragraph
	switch {
	case it.Queued:
		p = inboxNote(lang.X("offer.state.queued", "Waiting to be sent. It will be sent when you are online."))
		p.Label.Importance = widget.WarningImportance
	case isPending(it.Offer, now) && it.Turn != me:
		p = inboxNote(lang.X("offer.state.sent", "Sent."))
	default:
		return nil
	}
	return []fyne.CanvasObject{p}
}

// deadlineText says until when offer o, pending at now, can be answered:
// as a request when the answer is mine, as a fact when it is not.
func deadlineText(o app.Offer, me string) string {
	data := map[string]any{"Date": widgets.FormatDateTime(o.ExpiresAt)}
	if o.Turn == me {
		return lang.X("offer.deadline.mine", "Please answer by {{.Date}}.", data)
	}
	return lang.X("offer.deadline.theirs", "The answer is due by {{.Date}}.", data)
}

// endedText explains why a finished offer ended, beyond its state line:
// the reason and note of a decline, or the deadline that passed. It is ""
// when there is nothing to add.
func endedText(o app.Offer, now time.Time) string {
	switch shownState(o, now) {
	case app.OfferDeclined:
		text := lang.X("offer.reason_line", "Reason: {{.Reason}}", map[string]any{"Reason": declineReasonText(o.Reason)})
		if o.Note != "" {
			text += "\n" + lang.X("offer.note_line", "Note: {{.Note}}", map[string]any{"Note": o.Note})
		}
		return text
	case app.OfferExpired:
		return lang.X("offer.expired_on", "The deadline was {{.Date}}.", map[string]any{"Date": widgets.FormatDateTime(o.ExpiresAt)})
	}
	return ""
}

// declineReasonText is why an offer was declined, as the sender reads it.
func declineReasonText(reason string) string {
	switch reason {
	case "schedule":
		return lang.X("offer.reason.schedule", "The dates did not suit.")
	case "workload":
		return lang.X("offer.reason.workload", "Work is very busy at the moment.")
	case "theme":
		return lang.X("offer.reason.theme", "The themes did not match.")
	case "other":
		return lang.X("offer.reason.other", "Another reason.")
	}
	return lang.X("offer.reason.none", "No reason was given.")
}

// declineChoiceText is a stock reason as the recipient chooses it.
func declineChoiceText(reason string) string {
	switch reason {
	case "schedule":
		return lang.X("decline.choice.schedule", "The dates do not suit me")
	case "workload":
		return lang.X("decline.choice.workload", "Work is very busy at the moment")
	case "theme":
		return lang.X("decline.choice.theme", "The themes do not match")
	case "other":
		return lang.X("decline.choice.other", "Other")
	}
	return reason
}
