package codec

import "crosstalk/app"

// DismissalCols are the columns ScanDismissal reads, of
// suggestion_dismissals d.
const DismissalCols = `d.owner_id, d.cohort_id, d.participant_id, d.created_at`

// ScanDismissal scans DismissalCols (and extra) into a dismissal.
func ScanDismissal(sc Scanner, extra ...any) (app.SuggestionDismissal, error) {
	var d app.SuggestionDismissal
	var at int64
	err := sc.Scan(append([]any{&d.OwnerID, &d.CohortID, &d.ParticipantID, &at}, extra...)...)
	d.CreatedAt = FromMillis(at)
	return d, err
}

// IntroductionCols are the columns ScanIntroduction reads, of
// introductions i.
const IntroductionCols = `i.id, i.cohort_id, i.a_id, i.b_id, i.note, i.created_at`

// ScanIntroduction scans IntroductionCols (and extra) into an
// introduction.
func ScanIntroduction(sc Scanner, extra ...any) (app.Introduction, error) {
	var in app.Introduction
	var at int64
	err := sc.Scan(append([]any{&in.ID, &in.CohortID, &in.AID, &in.BID, &in.Note, &at}, extra...)...)
	in.CreatedAt = FromMillis(at)
	return in, err
}
