package wire

import "time"

// Another person's busy times (issue 19), for the offer dialog's
// proposal of times that suit both: POST PathBusy BusyRequest:
// BusyResponse. A participant may ask about the people they may send an
// offer to: a listed participant (visible and joined) of another
// company, in a cohort open now that both belong to. Anyone else, an
// unknown id, and any caller who is not a participant (HR, the
// secretariat) are refused alike with app.CodeNotAllowed (403, an
// AdminError), so that a refusal tells nothing of the person. A period
// that is empty, longer than app.BusyRange or starting more than a day
// before now is refused with app.CodeBadArgs (422). Too many asks from
// one device are answered 429 (ErrTooMany) with a Retry-After.
//
// The answer is only when the person is taken: their scheduled talks,
// and the new times proposed for them and not answered yet, each rounded
// out to the parts of the day it touches (before 13:00, 13:00–17:00, from
// 17:00 in Tokyo), merged where they touch or overlap, cut to the
// period asked, in order. It holds no id, no name, no counterpart, no
// mode and no place.
const PathBusy = "/v1/busy"

// MaxBusyIntervals bounds the intervals of one answer: over app.BusyRange
// at least half an hour taken and half an hour free alternate at most
// 1,344 times.
const MaxBusyIntervals = 1500

// BusyRequest asks for the busy times of a person in [From, To).
type BusyRequest struct {
	ParticipantID string    `json:"participantId"`
	From          time.Time `json:"from"`
	To            time.Time `json:"to"`
}

// BusyResponse is the person's busy intervals, in order, none touching
// another.
type BusyResponse struct {
	Busy []BusyInterval `json:"busy"`
}

// BusyInterval is a time [Start, End) the person is taken, in UTC.
type BusyInterval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}
