package data

import (
	"testing"
	"time"

	"crosstalk/app"
)

// Survey figures need app.MinGroup distinct authors, however many answers
// fewer people gave.
func TestSurveyFiguresMinGroup(t *testing.T) {
	var surveys []dashSurvey
	for i, author := range []string{"a", "a", "b", "c", "d", "d", "d"} {
		surveys = append(surveys, dashSurvey{author: author, satisfaction: 1 + i%7, recommend: i, comment: "c"})
	}
	if f, comments := surveyFigures(surveys); f != (app.SurveyFigures{}) || comments != nil {
		t.Fatalf("four authors, seven answers: %+v %v", f, comments)
	}
	surveys = append(surveys, dashSurvey{author: "e", satisfaction: 7, recommend: 10, comment: " "})
	f, comments := surveyFigures(surveys)
	if !f.Shown || f.Answers != 8 || len(comments) != 7 {
		t.Fatalf("five authors: %+v %v", f, comments)
	}
}

// Weeks start on Sunday at midnight, Tokyo time, whatever the zone of the
// time given.
func TestWeekStart(t *testing.T) {
	sunday := app.Date(2026, 11, 22)
	for _, c := range []struct {
		at   time.Time
		want time.Time
	}{
		{time.Date(2026, 11, 21, 14, 59, 0, 0, time.UTC), app.Date(2026, 11, 15)}, // Saturday 23:59 in Tokyo
		{time.Date(2026, 11, 21, 15, 0, 0, 0, time.UTC), sunday},                  // Sunday 00:00 in Tokyo
		{app.Date(2026, 11, 28).Add(-time.Nanosecond), sunday},
		{app.Date(2026, 11, 28), app.Date(2026, 11, 22)},
	} {
		if got := WeekStart(c.at); !got.Equal(c.want) {
			t.Errorf("week of %v starts %v, want %v", c.at, got, c.want)
		}
	}
}
