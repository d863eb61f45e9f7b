package demo

import (
	"time"

	"crosstalk/app"
)

// Device is a device on which a demo participant signed in to the app:
// the server's demo gives each one, so that the administration's figures
// show who has started using the app (app.Participation's joined).
type Device struct {
	ParticipantID string
	Name          string
	CreatedAt     time.Time // when the person signed in
}

// deviceNames are the names the demo's devices get, in turn.
var deviceNames = []string{"会社のノートPC", "自宅のPC", "会社のPC", "MacBook Air", "会社のノートPC（予備）"}

// Devices are the devices of ds's participants who have started using
// the app, by their order in ds: everyone who sent an offer, answered one
// (accepted, declined or proposed other times) or wrote a survey, since
// they could not have done so without, signed in a day or three before
// the first of those; and one in three of the others, who signed in
// after the programme began and have done nothing yet. The rest, and
// the HR and secretariat accounts, have no device: they have not joined.
// The same dataset gives the same devices.
func Devices(ds app.Dataset) []Device {
	first := map[string]time.Time{}
	acted := func(id string, at time.Time) {
		if t, ok := first[id]; !ok || at.Before(t) {
			first[id] = at
		}
	}
	for _, o := range ds.Offers {
		acted(o.FromID, o.CreatedAt)
		if o.AnsweredAt != nil {
			acted(o.ToID, *o.AnsweredAt)
		}
	}
	for _, s := range ds.Surveys {
		acted(s.AuthorID, s.CreatedAt)
	}
	var begins time.Time
	if len(ds.Cohorts) > 0 {
		begins = ds.Cohorts[0].Begins()
	}
	var out []Device
	idle := 0
	for i, p := range ds.Participants {
		if !app.CountsAsParticipant(p.Role) {
			continue
		}
		at, ok := first[p.ID]
		switch {
		case ok:
			// A day or three before, but not before the week before the
			// programme began, and always before the first action.
			at = at.Add(-time.Duration(24+i%3*24+i%7) * time.Hour)
			if early := begins.Add(-7 * 24 * time.Hour); at.Before(early) {
				at = early
			}
			if latest := first[p.ID].Add(-time.Hour); at.After(latest) {
				at = latest
			}
		default:
			idle++
			if idle%3 != 0 {
				continue
			}
			at = begins.Add(time.Duration(2+i%5) * 24 * time.Hour).Add(time.Duration(9+i%8) * time.Hour)
		}
		out = append(out, Device{ParticipantID: p.ID, Name: deviceNames[i%len(deviceNames)], CreatedAt: at.UTC()})
	}
	return out
}
