package replica_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// BenchmarkSuggestions measures one list of suggested partners (issue
// 19) over the scale consortium of 10,000 participants, every one of its
// offers and talks in the file (more than a device holds). Target: under
// 50 ms.
func BenchmarkSuggestions(b *testing.B) {
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	d := demo.Scale(10000, clock)
	st := open(b, d)
	ctx := context.Background()
	var viewer, cohort string
	for _, p := range d.Participants {
		if p.Role != app.RoleParticipant || !p.Visible {
			continue
		}
		co, err := st.SuggestionCohort(ctx, p.ID, clock)
		if err != nil {
			b.Fatal(err)
		}
		if co != "" {
			viewer, cohort = p.ID, co
			break
		}
	}
	if viewer == "" {
		b.Fatal("no participant of an open programme")
	}
	got, err := st.Suggestions(ctx, viewer, cohort, clock, 0)
	if err != nil {
		b.Fatal(err)
	}
	if len(got) != app.DefaultSuggestions {
		b.Fatalf("%d suggestions, want %d", len(got), app.DefaultSuggestions)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Suggestions(ctx, viewer, cohort, clock, 0); err != nil {
			b.Fatal(err)
		}
	}
}
