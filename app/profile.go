package app

import (
	"context"
	"time"

	"crosstalk/app/jtext"
)

// Profile limits: at most MaxThemes themes, and the texts' lengths in
// characters (runes), like the limits in mutator.go. Interests and the
// introduction share MaxIntroRunes.
const (
	MaxThemes         = 10
	MaxNameRunes      = 60 // a name, and its reading
	MaxThemeRunes     = 30
	MaxJobRoleRunes   = 100
	MaxIntroRunes     = 2000
	MaxFreeTimesRunes = 300
)

// UpdateProfileArgs are the arguments of profile.update.v1: every field a
// participant may edit of their own profile. Company, role and cohorts
// belong to HR and the secretariat.
type UpdateProfileArgs struct {
	Name      string   `json:"name"`
	Kana      string   `json:"kana"`
	AgeBand   AgeBand  `json:"ageBand"`
	JobRole   string   `json:"jobRole"`
	Themes    []string `json:"themes"`
	Interests string   `json:"interests"`
	Intro     string   `json:"intro"`
	Modes     []Mode   `json:"modes"`
	FreeTimes string   `json:"freeTimes"`
	// FreeWeek is the weekly pattern of free times. nil keeps the
	// pattern saved: a device of before the pattern sends none.
	FreeWeek *FreeWeek `json:"freeWeek,omitempty"`
	Visible  bool      `json:"visible"`
}

func (args UpdateProfileArgs) validate() error {
	if err := checkText(args.Name, "name", 1, MaxNameRunes); err != nil {
		return err
	}
	if err := checkText(args.Kana, "kana", 1, MaxNameRunes); err != nil {
		return err
	}
	if !jtext.IsKana(args.Kana) {
		return Reject(CodeBadArgs, "kana %q is not a reading in kana", args.Kana)
	}
	if !args.AgeBand.Valid() {
		return Reject(CodeBadArgs, "age band %q", args.AgeBand)
	}
	if err := checkText(args.JobRole, "job role", 0, MaxJobRoleRunes); err != nil {
		return err
	}
	if len(args.Themes) > MaxThemes {
		return Reject(CodeBadArgs, "%d themes, at most %d", len(args.Themes), MaxThemes)
	}
	for i, t := range args.Themes {
		if err := checkText(t, "theme", 1, MaxThemeRunes); err != nil {
			return err
		}
		for _, u := range args.Themes[:i] {
			if u == t {
				return Reject(CodeBadArgs, "theme %q twice", t)
			}
		}
	}
	if err := checkText(args.Interests, "interests", 0, MaxIntroRunes); err != nil {
		return err
	}
	if err := checkText(args.Intro, "intro", 0, MaxIntroRunes); err != nil {
		return err
	}
	if err := checkText(args.FreeTimes, "free times", 0, MaxFreeTimesRunes); err != nil {
		return err
	}
	if args.FreeWeek != nil && !args.FreeWeek.Valid() {
		return Reject(CodeBadArgs, "free week %#x", uint32(*args.FreeWeek))
	}
	if len(args.Modes) == 0 {
		return Reject(CodeBadArgs, "at least one talk mode")
	}
	for i, m := range args.Modes {
		if !m.Valid() {
			return Reject(CodeBadArgs, "mode %q", m)
		}
		for _, n := range args.Modes[:i] {
			if n == m {
				return Reject(CodeBadArgs, "mode %q twice", m)
			}
		}
	}
	return nil
}

func updateProfile(ctx context.Context, tx Tx, a Actor, args UpdateProfileArgs, now time.Time) error {
	if err := args.validate(); err != nil {
		return err
	}
	p, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	p.Name, p.Kana, p.AgeBand, p.JobRole = args.Name, args.Kana, args.AgeBand, args.JobRole
	p.Themes, p.Interests, p.Intro = args.Themes, args.Interests, args.Intro
	p.Modes, p.FreeTimes, p.Visible = args.Modes, args.FreeTimes, args.Visible
	if args.FreeWeek != nil {
		p.FreeWeek = *args.FreeWeek
	}
	if p.Themes == nil {
		p.Themes = []string{}
	}
	return tx.UpdateProfile(ctx, p, now)
}

// SetBookmarkArgs are the arguments of bookmark.set.v1.
type SetBookmarkArgs struct {
	ParticipantID string `json:"participantId"`
	On            bool   `json:"on"`
}

func setBookmark(ctx context.Context, tx Tx, a Actor, args SetBookmarkArgs, now time.Time) error {
	me, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	if args.ParticipantID == me.ID {
		return Reject(CodeSelf, "bookmark oneself")
	}
	other, err := tx.Participant(ctx, args.ParticipantID)
	if other, err = load(other, err, CodeNotFound, "participant "+args.ParticipantID); err != nil {
		return err
	}
	if other.CompanyID == me.CompanyID {
		return Reject(CodeSameCompany, "bookmark a colleague")
	}
	if args.On && !other.Visible {
		// Invisible profiles are not to be found, bookmarked or not.
		return Reject(CodeNotFound, "participant %s", other.ID)
	}
	return tx.SetBookmark(ctx, me.ID, other.ID, args.On, now)
}
