package serverstore

import (
	"testing"
	"time"

	"crosstalk/app"
)

// Survey figures cover the oldest answers in whole batches of
// app.MinGroup, and need app.MinGroup distinct authors among those.
func TestSurveyFiguresBatches(t *testing.T) {
	var surveys []dashSurvey
	add := func(authors ...string) {
		for _, a := range authors {
			i := len(surveys)
			surveys = append(surveys, dashSurvey{author: a, satisfaction: 1 + i%7, recommend: i % 11, comment: "c" + a})
		}
	}
	add("a", "a", "b", "c", "d", "d", "d")
	if f, comments := surveyFigures(surveys); f != (app.SurveyFigures{}) || comments != nil {
		t.Fatalf("four authors, seven answers: %+v %v", f, comments)
	}
	add("e") // a fifth author, but the first batch (a, a, b, c, d) has four
	if f, _ := surveyFigures(surveys); f.Shown {
		t.Fatalf("the first batch has four authors: %+v", f)
	}
	add("f", "g")
	ten, comments := surveyFigures(surveys)
	if !ten.Shown || ten.Answers != 10 || len(comments) != 10 {
		t.Fatalf("ten answers of seven authors: %+v %v", ten, comments)
	}
	if ten.Satisfaction != 3.4 || ten.RecommendBar != [11]int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0} {
		t.Errorf("figures of the first ten: %+v", ten)
	}
	// Answers 11 to 14 change nothing: comparing before and after tells
	// nothing of any one of them.
	for _, a := range []string{"h", "i", "j", "k"} {
		add(a)
		if f, c := surveyFigures(surveys); f != ten || len(c) != 10 {
			t.Fatalf("after %d answers: %+v, want the first ten's %+v", len(surveys), f, ten)
		}
	}
	add("l")
	if f, c := surveyFigures(surveys); f.Answers != 15 || len(c) != 15 || f == ten {
		t.Fatalf("the fifteenth answer completes a batch: %+v", f)
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
