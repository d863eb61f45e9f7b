package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// The suggestions' rules (issue 19), each stated on a hand-built set.

var suggestMe = SuggestSelf{ID: "me", CompanyID: "mine", Industry: "製造", Themes: []string{"介護との両立", "DX", "学び直し"},
	FreeTimes: afternoons(time.Tuesday, time.Thursday)}

// cand is a listed candidate of another company, in my industry, with
// no theme in common, who has an offer received already (not fresh) and
// free times that do not meet mine.
func cand(id string, edit func(*SuggestCandidate)) SuggestCandidate {
	c := SuggestCandidate{ID: id, CompanyID: "co-" + id, Industry: "製造", Themes: []string{"健康"}, FreeTimes: FreeWeek(0).With(time.Monday, Morning, true),
		Listed: true, OffersReceived: 1}
	if edit != nil {
		edit(&c)
	}
	return c
}

func ids(s []Suggestion) string {
	var out []string
	for _, x := range s {
		out = append(out, x.ParticipantID)
	}
	return strings.Join(out, ",")
}

func TestRankSuggestionsRules(t *testing.T) {
	themes := func(ts ...string) func(*SuggestCandidate) { return func(c *SuggestCandidate) { c.Themes = ts } }
	for _, c := range []struct {
		name  string
		cands []SuggestCandidate
		want  string
	}{
		{"more shared themes first, over every other rule", []SuggestCandidate{
			cand("one", func(c *SuggestCandidate) {
				c.Themes, c.Industry, c.OffersReceived, c.FreeTimes = []string{"DX"}, "建設", 0, afternoons(time.Thursday)
			}),
			cand("two", themes("介護との両立", "DX")),
			cand("none", nil),
		}, "two,one,none"},
		{"a different industry before mine, at the same themes", []SuggestCandidate{
			cand("same", func(c *SuggestCandidate) { c.Themes, c.OffersReceived = []string{"DX"}, 0 }),
			cand("other", func(c *SuggestCandidate) { c.Themes, c.Industry = []string{"DX"}, "建設" }),
		}, "other,same"},
		{"no offer received and no talk yet before the others, at the same themes and industry", []SuggestCandidate{
			cand("offered", func(c *SuggestCandidate) { c.FreeTimes = afternoons(time.Tuesday) }),
			cand("fresh", func(c *SuggestCandidate) { c.OffersReceived = 0 }),
		}, "fresh,offered"},
		{"a talk, without any offer received, is not a fresh start", []SuggestCandidate{
			cand("talked", func(c *SuggestCandidate) {
				c.OffersReceived, c.Talks, c.FreeTimes = 0, 1, afternoons(time.Tuesday)
			}),
			cand("fresh", func(c *SuggestCandidate) { c.OffersReceived = 0 }),
		}, "fresh,talked"},
		{"overlapping free times before the others, all else equal", []SuggestCandidate{
			cand("apart", nil),
			cand("overlap", func(c *SuggestCandidate) {
				c.FreeTimes = afternoons(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
			}),
		}, "overlap,apart"},
		{"left out: myself, my company, unlisted, at the cap, offered or talked with, dismissed, introduced", []SuggestCandidate{
			cand("me", nil),
			cand("colleague", func(c *SuggestCandidate) { c.CompanyID = "mine" }),
			cand("hidden", func(c *SuggestCandidate) { c.Listed = false }),
			cand("full", func(c *SuggestCandidate) { c.PendingReceived = 2 }),
			cand("below", func(c *SuggestCandidate) { c.PendingReceived = 1 }),
			cand("fullbyserver", func(c *SuggestCandidate) { c.AtCap = true }), // pending offers the device never saw
			cand("withme", func(c *SuggestCandidate) { c.WithMe = true }),
			cand("dismissed", func(c *SuggestCandidate) { c.Dismissed = true }),
			cand("introduced", func(c *SuggestCandidate) { c.Introduced = true }),
		}, "below"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ids(RankSuggestions(suggestMe, c.cands, 2, 0))
			if got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
			// The order of the input does not matter.
			rev := slices.Clone(c.cands)
			slices.Reverse(rev)
			if again := ids(RankSuggestions(suggestMe, rev, 2, 0)); again != got {
				t.Errorf("reversed input: %s, want %s", again, got)
			}
		})
	}
}

func TestRankSuggestionsReasons(t *testing.T) {
	got := RankSuggestions(suggestMe, []SuggestCandidate{
		cand("x", func(c *SuggestCandidate) {
			c.Themes, c.Industry, c.OffersReceived, c.FreeTimes = []string{"DX", "健康", "介護との両立", "DX"}, "建設", 0, afternoons(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
		}),
		cand("y", nil),
	}, 5, 0)
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	want := []Reason{{Kind: ReasonSharedThemes, Themes: []string{"DX", "介護との両立"}}, {Kind: ReasonOtherIndustry, Industry: "建設"},
		{Kind: ReasonTimesOverlap}, {Kind: ReasonNoOffersYet}}
	if fmt.Sprint(got[0].Reasons) != fmt.Sprint(want) {
		t.Errorf("reasons of x: %v, want %v", got[0].Reasons, want)
	}
	if len(got[1].Reasons) != 0 {
		t.Errorf("reasons of y: %v, want none", got[1].Reasons)
	}
}

// Ties are broken by the viewer's and the candidate's ids: the same for
// the same data, not the same for every viewer.
func TestRankSuggestionsTieBreakAndLimit(t *testing.T) {
	var cands []SuggestCandidate
	for i := range 30 {
		cands = append(cands, cand(fmt.Sprintf("p%02d", i), nil))
	}
	first := RankSuggestions(suggestMe, cands, 0, 0)
	if len(first) != DefaultSuggestions {
		t.Fatalf("%d suggestions, want %d", len(first), DefaultSuggestions)
	}
	shuffled := slices.Clone(cands)
	slices.Reverse(shuffled)
	shuffled[3], shuffled[17] = shuffled[17], shuffled[3]
	if a, b := ids(first), ids(RankSuggestions(suggestMe, shuffled, 0, 0)); a != b {
		t.Errorf("same data, other order: %s, want %s", b, a)
	}
	other := suggestMe
	other.ID = "someone-else"
	if a, b := ids(first), ids(RankSuggestions(other, cands, 0, 0)); a == b {
		t.Errorf("two viewers get the same order of equals: %s", a)
	}
	if got := RankSuggestions(suggestMe, cands, 0, 5); len(got) != 5 || ids(got) != ids(first[:5]) {
		t.Errorf("limit 5: %s, want %s", ids(got), ids(first[:5]))
	}
	// No cap (0) leaves everyone in, however many offers they wait on.
	cands[0].PendingReceived = 99
	if got := RankSuggestions(suggestMe, cands[:1], 0, 0); len(got) != 1 {
		t.Errorf("no cap: %v", got)
	}
}

// afternoons is a pattern free on the afternoons of the given days.
func afternoons(days ...time.Weekday) FreeWeek {
	var w FreeWeek
	for _, d := range days {
		w = w.With(d, Afternoon, true)
	}
	return w
}

// Only the weekly patterns meet: a person without one (whatever free text
// they wrote) never shares my free times, as the offer dialog says; with
// the same afternoon as mine, they do.
func TestSuggestOverlapNeedsAPattern(t *testing.T) {
	overlap := func(free FreeWeek) bool {
		got := RankSuggestions(suggestMe, []SuggestCandidate{cand("x", func(c *SuggestCandidate) { c.FreeTimes = free })}, 0, 0)
		if len(got) != 1 {
			t.Fatalf("candidate left out: %+v", got)
		}
		return slices.ContainsFunc(got[0].Reasons, func(r Reason) bool { return r.Kind == ReasonTimesOverlap })
	}
	if overlap(0) {
		t.Error("no pattern: overlaps")
	}
	if !overlap(afternoons(time.Tuesday)) {
		t.Error("Tuesday afternoon: no overlap")
	}
	if overlap(FreeWeek(0).With(time.Tuesday, Morning, true)) {
		t.Error("Tuesday morning: overlaps")
	}
}
