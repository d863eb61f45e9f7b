package serverstore

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
)

// Survey figures cover closed batches only: the answers, in the order
// recorded, dealt each into the first open batch without its author, a
// batch closing at app.MinGroup answers (of as many people).
func TestSurveyFiguresBatches(t *testing.T) {
	var surveys []dashSurvey
	add := func(authors ...string) {
		for _, a := range authors {
			i := len(surveys)
			surveys = append(surveys, dashSurvey{author: a, satisfaction: 1 + i%7, recommend: i % 11, comment: "c" + a})
		}
	}
	// Batches: [a b c d], [a d], [d].
	add("a", "a", "b", "c", "d", "d", "d")
	if f, comments := surveyFigures(surveys); f != (app.SurveyFigures{}) || comments != nil {
		t.Fatalf("four authors, seven answers: %+v %v", f, comments)
	}
	add("e") // closes the first batch: answers 0, 2, 3, 4 and 7
	five, comments := surveyFigures(surveys)
	if !five.Shown || five.Answers != 5 || !slices.Equal(comments, []string{"ca", "cb", "cc", "cd", "ce"}) {
		t.Fatalf("the first batch, of five authors: %+v %v", five, comments)
	}
	if five.Satisfaction != 2.8 || five.RecommendBar != [11]int{1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0} {
		t.Errorf("figures of the first batch: %+v", five)
	}
	// f and g join the second batch, [a d f g]: nothing changes.
	for _, a := range []string{"f", "g"} {
		add(a)
		if f, c := surveyFigures(surveys); f != five || len(c) != 5 {
			t.Fatalf("after %d answers: %+v, want the first batch's %+v", len(surveys), f, five)
		}
	}
	add("h") // closes the second batch: answers 1, 5, 8, 9 and 10
	ten, comments := surveyFigures(surveys)
	if !ten.Shown || ten.Answers != 10 || len(comments) != 10 || ten.Satisfaction != 3.1 {
		t.Fatalf("two batches: %+v %v", ten, comments)
	}
	// i, j and k join the third, [d i j k]; l closes it.
	for _, a := range []string{"i", "j", "k"} {
		add(a)
		if f, c := surveyFigures(surveys); f != ten || len(c) != 10 {
			t.Fatalf("after %d answers: %+v, want the first ten's %+v", len(surveys), f, ten)
		}
	}
	add("l")
	if f, c := surveyFigures(surveys); f.Answers != 15 || len(c) != 15 || f == ten {
		t.Fatalf("the fifteenth answer closes a batch: %+v", f)
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

// answers is a list of survey answers made one author at a time, each
// with a comment that names its author and its place, so that the
// comments a figure covers say which answers it covers.
type answers []dashSurvey

func (as *answers) add(authors ...string) {
	for _, a := range authors {
		i := len(*as)
		*as = append(*as, dashSurvey{author: a, satisfaction: 1 + i%7, recommend: i % 11, comment: fmt.Sprintf("%s/%d", a, i)})
	}
}

// covered is the multiset of the answers (by comment) that figures of as
// cover, and whether they are shown.
func (as answers) covered() (map[string]int, app.SurveyFigures) {
	f, comments := surveyFigures(as)
	m := map[string]int{}
	for _, c := range comments {
		m[c]++
	}
	return m, f
}

// One person's five answers after five others' change nothing, nor do
// fifty more: comparing the dashboards before and after tells nothing of
// them.
func TestSurveyOnePersonsAnswersChangeNothing(t *testing.T) {
	var as answers
	as.add("a", "b", "c", "d", "e")
	five, f5 := as.covered()
	if !f5.Shown || f5.Answers != 5 || len(five) != 5 {
		t.Fatalf("five answers of five people: %+v %v", f5, five)
	}
	for i := range 55 {
		as.add("f")
		if got, f := as.covered(); f != f5 || !maps.Equal(got, five) {
			t.Fatalf("after f's answer %d: %+v %v, want the first five's %+v %v", i+1, f, got, f5, five)
		}
	}
}

// Two people answering in turn, or four people again and again, change
// nothing either: no five of their answers are of five people.
func TestSurveyFewPeopleRepeatingChangeNothing(t *testing.T) {
	for _, people := range [][]string{{"x", "y"}, {"p", "q", "r", "s"}, {"a", "b", "c", "d"}} {
		var as answers
		as.add("a", "b", "c", "d", "e")
		five, f5 := as.covered()
		for round := range 12 {
			as.add(people...)
			if got, f := as.covered(); f != f5 || !maps.Equal(got, five) {
				t.Fatalf("%v, round %d: %+v, want the first five's %+v", people, round+1, f, f5)
			}
		}
	}
}

// Whatever the order of authors, the figures only ever change by whole
// batches: a new answer adds nothing, or exactly five answers of five
// different people (the new one among them), and takes none away.
func TestSurveyFiguresChangeByWholeBatchesOfFive(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	for trial := range 200 {
		pool := 1 + rng.IntN(9) // few people, some answering often
		var as answers
		prev, _ := as.covered()
		for n := range 40 {
			author := string(rune('a' + min(rng.IntN(pool), rng.IntN(pool)))) // skewed to the first
			as.add(author)
			got, f := as.covered()
			added := map[string]bool{}
			count := 0
			for c, k := range got {
				if k < prev[c] {
					t.Fatalf("trial %d, answer %d: %q no longer covered", trial, n, c)
				}
				for range k - prev[c] {
					a, _, _ := strings.Cut(c, "/")
					added[a] = true
					count++
				}
			}
			for c, k := range prev {
				if got[c] < k {
					t.Fatalf("trial %d, answer %d: %q no longer covered", trial, n, c)
				}
			}
			newest := as[len(as)-1].comment
			switch {
			case count == 0:
			case count == app.MinGroup && len(added) == app.MinGroup && got[newest] == 1:
			default:
				t.Fatalf("trial %d, answer %d by %s: the figures took in %d answers of %d people (%v), newest covered %v",
					trial, n, author, count, len(added), added, got[newest] == 1)
			}
			if f.Answers != len(comments(got)) || f.Shown != (f.Answers > 0) || f.Answers%app.MinGroup != 0 {
				t.Fatalf("trial %d, answer %d: %+v over %d answers", trial, n, f, len(comments(got)))
			}
			prev = got
		}
	}
}

func comments(m map[string]int) []string {
	var out []string
	for c, k := range m {
		for range k {
			out = append(out, c)
		}
	}
	return out
}
