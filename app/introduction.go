package app

import "time"

// Introductions (「紹介」, issue 19). The secretariat introduces two
// participants of the same programme, of different companies, with a
// short note. Each of the two sees the introduction, with the note and
// who the other is, and may send the offer from it; no one else — no
// colleague, no HR — ever receives it: only the two people's user
// buckets carry it, and the secretariat reads it over its own endpoint.

// MaxIntroductionNoteRunes is the longest note of an introduction.
const MaxIntroductionNoteRunes = 300

// Introduction is one introduction of A and B by the secretariat.
type Introduction struct {
	ID        string    `json:"id"`
	CohortID  string    `json:"cohortId"`
	AID       string    `json:"aId"`
	BID       string    `json:"bId"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"createdAt"`
}

// Other is the side of the introduction that is not me.
func (in Introduction) Other(me string) string {
	if in.AID == me {
		return in.BID
	}
	return in.AID
}

// Has reports whether id is one of the two people introduced.
func (in Introduction) Has(id string) bool { return in.AID == id || in.BID == id }

// CheckIntroductionNote checks an introduction's note: 1 to
// MaxIntroductionNoteRunes characters, no invisible control character.
func CheckIntroductionNote(note string) error {
	return checkText(note, "introduction note", 1, MaxIntroductionNoteRunes)
}

// IntroductionItem is an introduction as a participant's screen shows it:
// the other person with their company.
type IntroductionItem struct {
	Introduction
	Person DirectoryEntry // the other person introduced
	// Offered: an offer between the two exists already (either way, any
	// state); the screen then offers no new one from here.
	Offered bool
}
