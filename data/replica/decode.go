package replica

import (
	"encoding/json"
	"fmt"

	jsonv2 "github.com/go-json-experiment/json"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/parallel"
)

// Decode decodes the rows of every page ahead of ApplyPull, which then
// only writes them: a client decodes one answer while its replica writes
// the one before. A malformed row is an error here, as it would be in
// ApplyPull, and nothing is written.
func Decode(r *data.PullResult) error {
	for i := range r.Pages {
		p := &r.Pages[i]
		rows, err := decodeRows(p.Rows)
		if err != nil {
			return fmt.Errorf("bucket %s: %w", p.Bucket, err)
		}
		p.Decoded = rows
	}
	return nil
}

// decodeRows decodes a page's rows by table. Profiles, most of an
// initial sync, are decoded on every core. It decodes with the
// implementation of encoding/json/v2 (github.com/go-json-experiment/json),
// about twice as quick as encoding/json here, and stricter: a name twice
// in a row, or text that is not UTF-8, is an error.
func decodeRows(rows []data.Change) (*app.Dataset, error) {
	var d app.Dataset
	var profiles []data.Change
	rest := make([]data.Change, 0, len(rows))
	for _, r := range rows {
		if r.Table == "participants" {
			profiles = append(profiles, r)
		} else {
			rest = append(rest, r)
		}
	}
	if err := collectRows(&d, rest); err != nil {
		return nil, err
	}
	d.Participants = make([]app.Participant, len(profiles))
	errs := make([]error, len(profiles))
	parallel.Ranges(len(profiles), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			errs[i] = jsonv2.Unmarshal(profiles[i].Data, &d.Participants[i])
			d.Participants[i].Cohorts = nil
		}
	})

	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("row of participants: %w", err)
		}
	}
	return &d, nil
}

// mergeRows appends the rows of b to a's.
func mergeRows(a, b app.Dataset) app.Dataset {
	a.Companies = append(a.Companies, b.Companies...)
	a.Cohorts = append(a.Cohorts, b.Cohorts...)
	a.Participants = append(a.Participants, b.Participants...)
	a.Members = append(a.Members, b.Members...)
	a.Offers = append(a.Offers, b.Offers...)
	a.Talks = append(a.Talks, b.Talks...)
	a.Surveys = append(a.Surveys, b.Surveys...)
	a.ProgrammeSurveys = append(a.ProgrammeSurveys, b.ProgrammeSurveys...)
	a.SelfAssessments = append(a.SelfAssessments, b.SelfAssessments...)
	a.Bookmarks = append(a.Bookmarks, b.Bookmarks...)
	a.Messages = append(a.Messages, b.Messages...)
	a.MessageReads = append(a.MessageReads, b.MessageReads...)
	a.Dismissals = append(a.Dismissals, b.Dismissals...)
	a.Introductions = append(a.Introductions, b.Introductions...)
	a.Devices = append(a.Devices, b.Devices...)
	return a
}

// collectRows decodes pulled rows into d by table.
func collectRows(d *app.Dataset, rows []data.Change) error {
	for _, r := range rows {
		var err error
		switch r.Table {
		case "companies":
			d.Companies, err = appendJSON(d.Companies, r.Data)
		case "cohorts":
			d.Cohorts, err = appendJSON(d.Cohorts, r.Data)
		case "participants":
			d.Participants, err = appendJSON(d.Participants, r.Data)
			if err == nil {
				d.Participants[len(d.Participants)-1].Cohorts = nil // memberships travel as rows of their own
			}
		case "cohort_members":
			d.Members, err = appendJSON(d.Members, r.Data)
		case "offers":
			d.Offers, err = appendJSON(d.Offers, r.Data)
		case "talks":
			d.Talks, err = appendJSON(d.Talks, r.Data)
		case "surveys":
			d.Surveys, err = appendJSON(d.Surveys, r.Data)
		case "programme_surveys":
			d.ProgrammeSurveys, err = appendJSON(d.ProgrammeSurveys, r.Data)
		case "self_assessments":
			d.SelfAssessments, err = appendJSON(d.SelfAssessments, r.Data)
		case "bookmarks":
			d.Bookmarks, err = appendJSON(d.Bookmarks, r.Data)
		case "messages":
			d.Messages, err = appendJSON(d.Messages, r.Data)
		case "message_reads":
			d.MessageReads, err = appendJSON(d.MessageReads, r.Data)
		case "suggestion_dismissals":
			d.Dismissals, err = appendJSON(d.Dismissals, r.Data)
		case "introductions":
			d.Introductions, err = appendJSON(d.Introductions, r.Data)
		case "devices":
			d.Devices, err = appendJSON(d.Devices, r.Data)
		default:
			// A table of a newer server, for screens this app has not:
			// skipped, so that the app goes on syncing the rest (an app
			// that learns the table later pulls its bucket again, as
			// migration 008 did).
		}
		if err != nil {
			return fmt.Errorf("row of %s: %w", r.Table, err)
		}
	}
	return nil
}

func appendJSON[T any](s []T, raw json.RawMessage) ([]T, error) {
	var v T
	if err := jsonv2.Unmarshal(raw, &v); err != nil {
		return s, err
	}
	return append(s, v), nil
}
