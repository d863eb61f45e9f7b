package app

import (
	"context"
	"encoding/json"
	"time"
)

// E-mail from the server (issue 17), the person's side: their address,
// whether mail to it fails, and their choices, which sync to their own
// devices like any other setting of theirs.

// MailSet is the mutator that sets a person's mail choices. Unlike the
// other mutators, HR and the secretariat run it too: it is a setting of
// the person's own, not an action in a programme.
const MailSet = "mail.settings.v1"

// MailMode is how a person receives the mails of what happens to them.
type MailMode string

// Mail modes.
const (
	MailSingle MailMode = "single" // one mail for each event (the default)
	MailDigest MailMode = "digest" // one mail a day with everything
	MailNone   MailMode = "none"   // no mails of events
)

// MailModes lists every mode, in the order the settings show them.
var MailModes = []MailMode{MailSingle, MailDigest, MailNone}

// Valid reports whether m is a known mode.
func (m MailMode) Valid() bool {
	switch m {
	case MailSingle, MailDigest, MailNone:
		return true
	}
	return false
}

// MailLanguages are the languages mails are written in.
var MailLanguages = []string{"ja", "en"}

// MailSettings are a person's mail choices, and the arguments of
// mail.settings.v1. Weekly, the weekly summary of their scope, is for HR
// and the secretariat only: a participant asking for it is refused.
type MailSettings struct {
	Mode     MailMode `json:"mode"`
	Language string   `json:"language"`
	Weekly   bool     `json:"weekly"`
}

// MailAccount is what a person's own user bucket carries of their mail,
// in their profile (Participant.Mail), and no other bucket: the address
// mails go to ("" for none), whether mail to it fails and the relay's
// reason, and their choices.
type MailAccount struct {
	Email    string   `json:"email"`
	Failing  bool     `json:"failing"`
	Reason   string   `json:"reason"`
	Mode     MailMode `json:"mode"`
	Language string   `json:"language"`
	Weekly   bool     `json:"weekly"`
}

// Settings are a's choices.
func (a MailAccount) Settings() MailSettings {
	return MailSettings{Mode: a.Mode, Language: a.Language, Weekly: a.Weekly}
}

// MailReader reads the signed-in person's own mail account.
type MailReader interface {
	// MyMail reads what this device knows of the person's mail; ok is
	// false before their profile has arrived.
	MyMail(ctx context.Context) (a MailAccount, ok bool, err error)
}

func (s MailSettings) validate(role Role) error {
	if !s.Mode.Valid() {
		return Reject(CodeBadArgs, "mail mode %q", s.Mode)
	}
	if s.Language != "ja" && s.Language != "en" {
		return Reject(CodeBadArgs, "mail language %q", s.Language)
	}
	if s.Weekly && role != RoleHR && role != RoleSecretariat {
		return Reject(CodeNotAllowed, "a weekly summary is for HR and the secretariat, not a %s", role)
	}
	return nil
}

func setMail(ctx context.Context, tx Tx, a Actor, s MailSettings, now time.Time) error {
	p, err := actorOf(ctx, tx, a)
	if err != nil {
		return err
	}
	// The role stored, not the one the device says, decides.
	if err := s.validate(p.Role); err != nil {
		return err
	}
	return tx.SetMailSettings(ctx, p.ID, s, now)
}

// ownSetting adapts a typed apply function to Mutator for a setting of
// the actor's own, which every role has (mutator is for participants
// only).
type ownSetting[A any] mutator[A]

func (m ownSetting[A]) Name() string { return m.name }

func (m ownSetting[A]) Apply(ctx context.Context, tx Tx, actor Actor, raw json.RawMessage, now time.Time) error {
	if !actor.Role.Valid() {
		return Reject(CodeNotAllowed, "%q may not run %s", actor.Role, m.name)
	}
	var args A
	if err := DecodeArgs(raw, &args); err != nil {
		return err
	}
	return m.apply(ctx, tx, actor, args, now)
}

func (ownSetting[A]) everyRole() {}

// EveryRole reports whether every role may run the mutator called name:
// a setting of the actor's own, such as mail.settings.v1. Any other is a
// participant's only.
func EveryRole(name string) bool {
	_, ok := registry[name].(interface{ everyRole() })
	return ok
}
