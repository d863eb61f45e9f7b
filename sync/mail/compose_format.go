package mail

import (
	"strconv"
	"time"

	"crosstalk/app"
)

// Dates and times are written as the app writes them (ui/widgets'
// FormatSlot and FormatDateTime, with the app's translations of
// format.slot, format.datetime, month.N and weekday.*), always in Japan
// time. The server does not import the UI: the few formats are here.

var (
	weekdaysJA = [7]string{"日", "月", "火", "水", "木", "金", "土"}
	weekdaysEN = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// formatDateTime writes a day and a time: 2026年11月24日(火) 14:00, or
// Tue, 24 Nov 2026 14:00.
func formatDateTime(lang string, t time.Time) string {
	t = t.In(app.Tokyo)
	if lang == langEN {
		return weekdaysEN[t.Weekday()] + ", " + strconv.Itoa(t.Day()) + " " + t.Month().String()[:3] + " " +
			strconv.Itoa(t.Year()) + " " + t.Format("15:04")
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日(" +
		weekdaysJA[t.Weekday()] + ") " + t.Format("15:04")
}

// formatSlot writes a talk's time: 2026年11月24日(火) 14:00〜15:00, or
// Tue, 24 Nov 2026 14:00–15:00.
func formatSlot(lang string, s app.Slot) string {
	end := s.End.In(app.Tokyo).Format("15:04")
	if lang == langEN {
		return formatDateTime(lang, s.Start) + "–" + end
	}
	return formatDateTime(lang, s.Start) + "〜" + end
}

// modeName is a talk mode in words, as the app's mode.* say it.
func modeName(lang string, m app.Mode) string {
	names := map[app.Mode][2]string{
		app.ModeOnline:   {"オンライン", "Online"},
		app.ModePhone:    {"電話", "Phone"},
		app.ModeInPerson: {"対面", "In person"},
	}
	n, ok := names[m]
	if !ok {
		return string(m)
	}
	return pick(lang, n)
}

// declineReason is the reason an offer was declined, in the words the
// app shows its sender (offer.reason.*).
func declineReason(lang, reason string) string {
	reasons := map[string][2]string{
		"schedule": {"日程の都合が合いませんでした。", "The dates did not suit."},
		"workload": {"今は業務が立て込んでいるためです。", "Work is very busy at the moment."},
		"theme":    {"話したいテーマが合いませんでした。", "The themes did not match."},
		"other":    {"その他の理由です。", "Another reason."},
	}
	r, ok := reasons[reason]
	if !ok {
		return pick(lang, [2]string{"理由は示されていません。", "No reason was given."})
	}
	return pick(lang, r)
}

// cancelReason is the reason a talk was cancelled, in the words of the
// app's choices (talk.cancel_reason.*).
func cancelReason(lang, reason string) string {
	reasons := map[string][2]string{
		"schedule": {"都合がつかなくなりました", "My schedule no longer allows it"},
		"work":     {"急な仕事が入りました", "Urgent work came up"},
		"health":   {"体調がすぐれません", "I am not feeling well"},
		"other":    {"その他の事情", "Other reasons"},
	}
	r, ok := reasons[reason]
	if !ok {
		return pick(lang, [2]string{"その他の事情", "Other reasons"})
	}
	return pick(lang, r)
}

// Languages of the mails (participants.mail_language).
const (
	langJA = "ja"
	langEN = "en"
)

// pick is the Japanese or the English of words.
func pick(lang string, words [2]string) string {
	if lang == langEN {
		return words[1]
	}
	return words[0]
}
