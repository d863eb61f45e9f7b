package replica_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// 話しやすい時間帯が重なる reads only the weekly patterns, as the offer
// dialog does: people whose free times are a free text alone (such as
// 「平日の午後」, which meets the demo user's Tuesday and Thursday
// afternoons in words) never get that reason; one with a Tuesday
// afternoon in their pattern does.
func TestSuggestionsOverlapOnlyByPattern(t *testing.T) {
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	tueAfternoon := app.FreeWeek(0).With(time.Tuesday, app.Afternoon, true)
	// overlapping is how many of the suggestions to the demo user share
	// their free times when everyone else has the pattern others.
	overlapping := func(others app.FreeWeek) (n, all int) {
		d := demo.Demo(clock)
		for i := range d.Participants {
			p := &d.Participants[i]
			if p.ID == demo.DemoUser {
				if !p.FreeWeek.Overlaps(tueAfternoon) {
					t.Fatalf("demo user's pattern: %v", p.FreeWeek)
				}
				continue
			}
			p.FreeWeek, p.FreeTimes = others, "平日の午後"
		}
		st := open(t, d)
		ctx := context.Background()
		cohort, err := st.SuggestionCohort(ctx, demo.DemoUser, clock)
		if err != nil || cohort == "" {
			t.Fatalf("cohort %q: %v", cohort, err)
		}
		got, err := st.Suggestions(ctx, demo.DemoUser, cohort, clock, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if slices.ContainsFunc(s.Reasons, func(r app.Reason) bool { return r.Kind == app.ReasonTimesOverlap }) {
				n++
			}
		}
		return n, len(got)
	}
	if n, all := overlapping(0); n != 0 || all == 0 {
		t.Errorf("free text alone: %d of %d suggestions overlap", n, all)
	}
	if n, all := overlapping(tueAfternoon); n == 0 || n != all {
		t.Errorf("Tuesday afternoon pattern: %d of %d suggestions overlap", n, all)
	}
}
