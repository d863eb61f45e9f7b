package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
)

// TalkStateText is a talk's state in words; a talk that was moved says
// so rather than that it was cancelled.
func TalkStateText(k app.Talk) string {
	switch k.State {
	case app.TalkScheduled:
		return lang.X("talk.state.scheduled", "Scheduled")
	case app.TalkHeld:
		return lang.X("talk.state.held", "Held")
	case app.TalkNoShow:
		return lang.X("talk.state.no_show", "Did not take place")
	case app.TalkCancelled:
		if k.Reason == app.ReasonRescheduled {
			return lang.X("talk.state.rescheduled", "Moved to another date")
		}
		if k.Reason != "" {
			return lang.X("talk.state.cancelled_because", "Cancelled ({{.Reason}})", map[string]any{"Reason": CancelReasonText(k.Reason)})
		}
		return lang.X("talk.state.cancelled", "Cancelled")
	}
	return string(k.State)
}

func talkStateImportance(k app.Talk) widget.Importance {
	switch k.State {
	case app.TalkScheduled:
		return widget.SuccessImportance
	case app.TalkCancelled, app.TalkNoShow:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// CancelReasonText is one of app.CancelReasons in words, as the person
// cancelling would say it.
func CancelReasonText(reason string) string {
	fallback := map[string]string{
		"schedule": "My schedule no longer allows it",
		"work":     "Urgent work came up",
		"health":   "I am not feeling well",
		"other":    "Other reasons",
	}[reason]
	if fallback == "" {
		fallback = reason
	}
	return lang.X("talk.cancel_reason."+reason, fallback)
}
