package ui

import (
	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// talkWho names who did something to a talk: the user (あなた) or the
// other person by name.
func talkWho(by, me, otherName string) string {
	if by == me {
		return lang.X("talk.who.me", "You")
	}
	return lang.X("talk.who.other", "{{.Name}}", map[string]any{"Name": otherName})
}

// TalkEventText is one line of a talk's history: when, who, and what
// they did, with the times concerned, as in
// 「12月7日 13:40 田中さんが日時の変更を提案しました（12月10日(木) 11:00〜12:00）」.
func TalkEventText(e app.TalkEvent, me, otherName string) string {
	data := map[string]any{
		"When":   widgets.FormatShortDateTime(e.At),
		"Who":    talkWho(e.By, me, otherName),
		"Slot":   widgets.FormatSlot(app.Slot{Start: e.Start, End: e.End}),
		"Old":    widgets.FormatSlot(app.Slot{Start: e.OldStart, End: e.OldEnd}),
		"Reason": "",
	}
	if e.Reason != "" {
		data["Reason"] = CancelReasonText(e.Reason)
	}
	switch e.Kind {
	case app.EventAgreed:
		return lang.X("talk.history.agreed", "{{.When}} {{.Who}} accepted the offer; the talk was set for {{.Slot}}.", data)
	case app.EventTimeProposed:
		return lang.X("talk.history.time_proposed", "{{.When}} {{.Who}} proposed a new time: {{.Slot}}.", data)
	case app.EventTimeAccepted:
		return lang.X("talk.history.time_accepted", "{{.When}} {{.Who}} agreed to the new time. The talk moved from {{.Old}} to {{.Slot}}.", data)
	case app.EventTimeDeclined:
		return lang.X("talk.history.time_declined", "{{.When}} {{.Who}} kept the current time instead of {{.Slot}}.", data)
	case app.EventProposalWithdrawn:
		return lang.X("talk.history.proposal_withdrawn", "{{.When}} {{.Who}} withdrew the proposal of {{.Slot}}.", data)
	case app.EventCancelled:
		return lang.X("talk.history.cancelled", "{{.When}} {{.Who}} cancelled the talk ({{.Reason}}).", data)
	case app.EventHeld:
		return lang.X("talk.history.held", "{{.When}} {{.Who}} recorded the talk as held.", data)
	case app.EventNoShow:
		return lang.X("talk.history.no_show", "{{.When}} {{.Who}} recorded that the talk did not take place.", data)
	}
	return lang.X("talk.history.other", "{{.When}} {{.Who}} changed the talk.", data)
}

// TalkChangeText says in one sentence what the other person last changed
// in a talk, for the inbox and a desktop notification.
func TalkChangeText(c app.TalkChange) string {
	data := map[string]any{
		"Name":   c.OtherName,
		"Talk":   widgets.FormatSlot(app.Slot{Start: c.Start, End: c.End}),
		"Slot":   widgets.FormatSlot(app.Slot{Start: c.Event.Start, End: c.Event.End}),
		"Old":    widgets.FormatSlot(app.Slot{Start: c.Event.OldStart, End: c.Event.OldEnd}),
		"Reason": "",
	}
	if c.Event.Reason != "" {
		data["Reason"] = CancelReasonText(c.Event.Reason)
	}
	switch c.Event.Kind {
	case app.EventTimeProposed:
		return lang.X("talk.change.time_proposed", "{{.Name}} asks to move your talk of {{.Talk}} to {{.Slot}}. Please answer.", data)
	case app.EventTimeAccepted:
		return lang.X("talk.change.time_accepted", "{{.Name}} agreed to the new time. Your talk is now on {{.Slot}} (was {{.Old}}).", data)
	case app.EventTimeDeclined:
		return lang.X("talk.change.time_declined", "{{.Name}} would rather keep the current time. Your talk stays on {{.Talk}}.", data)
	case app.EventProposalWithdrawn:
		return lang.X("talk.change.proposal_withdrawn", "{{.Name}} withdrew the proposal to move your talk. It stays on {{.Talk}}.", data)
	case app.EventCancelled:
		return lang.X("talk.change.cancelled", "{{.Name}} cancelled your talk of {{.Talk}} ({{.Reason}}).", data)
	}
	return lang.X("talk.change.other", "{{.Name}} changed your talk of {{.Talk}}.", data)
}

// talkChangeTitle is the title of a desktop notification of c.
func talkChangeTitle(c app.TalkChange) string {
	switch c.Event.Kind {
	case app.EventTimeProposed:
		return lang.X("notify.talk.proposed.title", "A new time is proposed for your talk")
	case app.EventCancelled:
		return lang.X("notify.talk.cancelled.title", "Your talk was cancelled")
	}
	return lang.X("notify.talk.changed.title", "Your talk has changed")
}
