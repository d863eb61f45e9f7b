// Package widgets holds CrossTalk's general widgets and the small pieces
// every view is made of: a paragraph that breaks lines the Japanese way,
// a month grid, the slot picker and editor, the limit under a text field,
// a tall layout for main buttons, dates and times in words, the drafts
// that keep what a form's fields hold until it is sent (Draft,
// DraftForm), and Background, which runs work off the UI goroutine and
// shows its result on it.
//
// The widgets know nothing of offers, talks, participants or the
// administration: this package must not import the views (crosstalk/ui,
// crosstalk/ui/admin). It imports crosstalk/app only for the programme's
// clock (app.Tokyo, app.StartOfDay) and plain values (app.Slot,
// app.MaxSlots).
package widgets
