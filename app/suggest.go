package app

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
)

// Suggested partners (「おすすめ」, issue 19). A participant's device ranks
// the people of a programme for them from what its replica holds — no
// server data of its own — and says why, in words the UI translates from
// the Reason values. RankSuggestions is the whole rule set, a pure
// function over hand-made or gathered candidates:
//
// Left out (never suggested): myself; my own company's people; anyone not
// listed in the programme (hidden, HR, the secretariat: a replica's
// listing holds none of them anyway); anyone at their cap of pending
// offers received; anyone I have an offer or a talk with (either way, any
// state); anyone I dismissed (「今回は見送る」) in this programme; anyone
// the secretariat introduced me to (the introduction shows above the
// suggestions).
//
// Order, each rule breaking the ties of the one before:
//  1. more shared career themes first;
//  2. a different industry from mine before my own industry;
//  3. people who have received no offer and have no talk yet (as far as
//     my device knows) before the others, so the programme spreads;
//  4. usual free times that overlap mine before those that do not;
//  5. a tie-break of my id and theirs (FNV-1a, mixed): fixed for the same data
//     and the same viewer, but different from one viewer to another, so
//     that the same few people do not top everyone's list.

// SuggestionDismiss is the mutator that dismisses a suggestion.
const SuggestionDismiss = "suggestion.dismiss.v1"

// DefaultSuggestions is how many people a list of suggestions holds at
// most.
const DefaultSuggestions = 10

// ReasonKind is one kind of reason a person is suggested.
type ReasonKind string

// The reasons, in the order a suggestion lists them.
const (
	ReasonSharedThemes  ReasonKind = "shared_themes"  // 共通のテーマ（…）: Themes
	ReasonOtherIndustry ReasonKind = "other_industry" // 違う業種（…）: Industry
	ReasonTimesOverlap  ReasonKind = "times_overlap"  // 話しやすい時間帯が重なる
	ReasonNoOffersYet   ReasonKind = "no_offers_yet"  // まだオファーを受けていない方です
)

// Reason is one reason a person is suggested.
type Reason struct {
	Kind     ReasonKind
	Themes   []string // ReasonSharedThemes: the themes in common, in the candidate's order
	Industry string   // ReasonOtherIndustry: the candidate's industry
}

// SuggestSelf is the viewer, as the ranking needs them.
type SuggestSelf struct {
	ID        string
	CompanyID string
	Industry  string
	Themes    []string
	FreeTimes FreeWeek // their weekly pattern of free times (never the free text)
}

// SuggestCandidate is one person of the programme as the ranking needs
// them, with what the viewer's device knows of their offers and talks.
type SuggestCandidate struct {
	ID        string
	CompanyID string
	Industry  string
	Themes    []string
	FreeTimes FreeWeek // their weekly pattern of free times (never the free text)
	// Listed: a visible participant who has joined the programme.
	Listed bool
	// PendingReceived counts the pending, unexpired offers they have
	// received that the device holds; at the programme's cap they are
	// left out. AtCap is the server's word that they are at the cap
	// (Membership.AtCap): left out too, whatever the device holds.
	PendingReceived int
	AtCap           bool
	// OffersReceived counts the offers they have received, in any state
	// (1 for the server's word, Participant.OffersReceived, or an offer
	// the device holds); Talks their talks of any state.
	OffersReceived int
	Talks          int
	// WithMe: an offer or a talk between the viewer and them, either way
	// and in any state.
	WithMe bool
	// Dismissed by the viewer in this programme; Introduced to the
	// viewer by the secretariat.
	Dismissed  bool
	Introduced bool
}

// Suggestion is one suggested person and why, strongest reason first.
type Suggestion struct {
	ParticipantID string
	Reasons       []Reason
}

// RankSuggestions ranks cands for me by the rules above and returns at
// most limit of them (DefaultSuggestions when limit <= 0). maxPending is
// the programme's cap of pending offers received (Rules.MaxPendingReceived;
// none when 0). The same input gives the same answer.
func RankSuggestions(me SuggestSelf, cands []SuggestCandidate, maxPending, limit int) []Suggestion {
	if limit <= 0 {
		limit = DefaultSuggestions
	}
	// The keys of each candidate left in; the reasons are made for the
	// few kept only (10,000 candidates a list).
	type ranked struct {
		c                      *SuggestCandidate
		shared                 int
		other, fresh, overlaps bool
		tie                    uint64
	}
	all := make([]ranked, 0, len(cands))
	for i := range cands {
		c := &cands[i]
		if c.ID == me.ID || c.CompanyID == me.CompanyID || !c.Listed || c.WithMe || c.Dismissed || c.Introduced ||
			c.AtCap || (maxPending > 0 && c.PendingReceived >= maxPending) {
			continue
		}
		all = append(all, ranked{c: c, shared: len(sharedThemes(me.Themes, c.Themes)),
			other:    c.Industry != "" && c.Industry != me.Industry,
			fresh:    c.OffersReceived == 0 && c.Talks == 0,
			overlaps: me.FreeTimes.Overlaps(c.FreeTimes),
			tie:      tieBreak(me.ID, c.ID)})
	}
	slices.SortFunc(all, func(a, b ranked) int {
		switch {
		case a.shared != b.shared:
			return b.shared - a.shared
		case a.other != b.other:
			return first(a.other)
		case a.fresh != b.fresh:
			return first(a.fresh)
		case a.overlaps != b.overlaps:
			return first(a.overlaps)
		case a.tie != b.tie:
			return cmp.Compare(a.tie, b.tie)
		}
		return strings.Compare(a.c.ID, b.c.ID)
	})
	out := make([]Suggestion, 0, min(limit, len(all)))
	for _, r := range all[:min(limit, len(all))] {
		s := Suggestion{ParticipantID: r.c.ID}
		if shared := sharedThemes(me.Themes, r.c.Themes); len(shared) > 0 {
			s.Reasons = append(s.Reasons, Reason{Kind: ReasonSharedThemes, Themes: shared})
		}
		if r.other {
			s.Reasons = append(s.Reasons, Reason{Kind: ReasonOtherIndustry, Industry: r.c.Industry})
		}
		if r.overlaps {
			s.Reasons = append(s.Reasons, Reason{Kind: ReasonTimesOverlap})
		}
		if r.fresh {
			s.Reasons = append(s.Reasons, Reason{Kind: ReasonNoOffersYet})
		}
		out = append(out, s)
	}
	return out
}

// first orders true before false.
func first(yes bool) int {
	if yes {
		return -1
	}
	return 1
}

// sharedThemes lists the themes of theirs that mine has, once each, in
// their order.
func sharedThemes(mine, theirs []string) []string {
	var out []string
	for i, t := range theirs {
		if slices.Contains(mine, t) && !slices.Contains(theirs[:i], t) {
			out = append(out, t)
		}
	}
	return out
}

// tieBreak orders equal candidates for one viewer.
func tieBreak(viewer, candidate string) uint64 {
	const prime = 1099511628211
	x := uint64(14695981039346656037) // FNV-1a
	for i := range len(viewer) {
		x = (x ^ uint64(viewer[i])) * prime
	}
	x *= prime // a 0 byte between the two
	for i := range len(candidate) {
		x = (x ^ uint64(candidate[i])) * prime
	}
	// FNV's last bytes barely reach its high bits: mix them (the
	// finaliser of SplitMix64).
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// DismissSuggestionArgs are the arguments of suggestion.dismiss.v1: the
// actor does not want ParticipantID suggested again in CohortID.
type DismissSuggestionArgs struct {
	CohortID      string `json:"cohortId"`
	ParticipantID string `json:"participantId"`
}

// SuggestionDismissal is a dismissed suggestion. Only its owner's devices
// receive it.
type SuggestionDismissal struct {
	OwnerID       string    `json:"ownerId"`
	CohortID      string    `json:"cohortId"`
	ParticipantID string    `json:"participantId"`
	CreatedAt     time.Time `json:"createdAt"`
}

func dismissSuggestion(ctx context.Context, tx Tx, a Actor, args DismissSuggestionArgs, now time.Time) error {
	me, c, err := memberOf(ctx, tx, a, args.CohortID)
	if err != nil {
		return err
	}
	if args.ParticipantID == me.ID {
		return Reject(CodeSelf, "dismiss oneself")
	}
	other, err := tx.Participant(ctx, args.ParticipantID)
	if other, err = load(other, err, CodeNotFound, "participant "+args.ParticipantID); err != nil {
		return err
	}
	if other.CompanyID == me.CompanyID {
		return Reject(CodeSameCompany, "dismiss a colleague")
	}
	if !other.InCohort(c.ID) {
		return Reject(CodeNotInCohort, "%s is not in cohort %s", other.ID, c.ID)
	}
	// Dismissing twice keeps the first: nothing to write.
	return tx.DismissSuggestion(ctx, SuggestionDismissal{OwnerID: me.ID, CohortID: c.ID, ParticipantID: other.ID, CreatedAt: now})
}

// SuggestionItem is a suggestion as the participant's screen shows it:
// the person with their company, and why.
type SuggestionItem struct {
	DirectoryEntry
	CohortID string // the programme it is suggested in, for dismissing it
	Reasons  []Reason
}

// SuggestionReader answers the suggestions' screen from the device's
// data (the replica implements it).
type SuggestionReader interface {
	// SuggestionCohort is the programme the viewer's suggestions are
	// for: of their cohorts, the open one running at now that started
	// last; "" when there is none.
	SuggestionCohort(ctx context.Context, viewerID string, now time.Time) (string, error)
	// Suggestions ranks the people of cohortID for viewerID
	// (RankSuggestions) and returns at most limit of them.
	Suggestions(ctx context.Context, viewerID, cohortID string, now time.Time, limit int) ([]SuggestionItem, error)
	// Introductions lists the secretariat's introductions of me, newest
	// first.
	Introductions(ctx context.Context, me string, now time.Time) ([]IntroductionItem, error)
}
