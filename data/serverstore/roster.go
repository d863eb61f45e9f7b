package serverstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"crosstalk/app"
	"crosstalk/app/jtext"
	"crosstalk/data/internal/codec"
)

// This file holds the writes of the administration (issue 5) that the
// central endpoint makes for HR and the secretariat: participant imports
// here, companies, cohorts and memberships in admin_cohorts.go,
// invitations in admin_invites.go and the figures in admin_dashboard.go.
// Like the mutators, every write takes the transaction's version, so the
// changes reach the replicas through the existing buckets. Inputs are
// re-checked here, whatever the caller checked: a store is the last line.

// Roster limits, which an import checks again whatever the client did.
const (
	MaxRosterEntries  = app.MaxRosterEntries // entries of one import
	MaxEntryCohorts   = 20                   // cohorts of one entry
	maxAdminNameRunes = 100                  // characters of a company's or a cohort's name, or an industry
)

// ValidateRoster checks import entries without the database: their count,
// every field's length and form, the age band, the role (hr or
// participant; empty means participant), each entry's cohort list, and
// that no employee number repeats. A problem is an *app.Rejection whose
// detail names the entry by its index, never by its person.
func ValidateRoster(entries []app.RosterEntry) error {
	if len(entries) == 0 {
		return app.Reject(app.CodeBadArgs, "no entries")
	}
	if len(entries) > MaxRosterEntries {
		return app.Reject(app.CodeTooLarge, "%d entries, at most %d", len(entries), MaxRosterEntries)
	}
	seen := make(map[string]int, len(entries))
	for i, e := range entries {
		if err := checkField(e.EmployeeNo, 1, app.MaxEmployeeNoRunes); err != nil {
			return entryErr(i, "employee number", err)
		}
		if strings.TrimSpace(e.EmployeeNo) != e.EmployeeNo {
			return app.Reject(app.CodeBadArgs, "entry %d: employee number has surrounding spaces", i)
		}
		if j, dup := seen[e.EmployeeNo]; dup {
			return app.Reject(app.CodeDuplicateEmployeeNo, "entries %d and %d have the same employee number", j, i)
		}
		seen[e.EmployeeNo] = i
		if err := checkField(e.Name, 1, app.MaxNameRunes); err != nil {
			return entryErr(i, "name", err)
		}
		if err := checkField(e.Kana, 1, app.MaxNameRunes); err != nil {
			return entryErr(i, "kana", err)
		}
		if !jtext.IsKana(e.Kana) {
			return app.Reject(app.CodeBadArgs, "entry %d: kana is not a reading in kana", i)
		}
		if !e.AgeBand.Valid() {
			return app.Reject(app.CodeBadArgs, "entry %d: age band is not one of %v", i, app.AgeBands)
		}
		if err := checkField(e.JobRole, 0, app.MaxJobRoleRunes); err != nil {
			return entryErr(i, "job role", err)
		}
		switch e.Role {
		case "", app.RoleParticipant, app.RoleHR:
		default:
			return app.Reject(app.CodeBadArgs, "entry %d: role must be hr or participant", i)
		}
		if len(e.Themes) > app.MaxThemes {
			return app.Reject(app.CodeBadArgs, "entry %d: %d themes, at most %d", i, len(e.Themes), app.MaxThemes)
		}
		for k, th := range e.Themes {
			if err := checkField(th, 1, app.MaxThemeRunes); err != nil {
				return entryErr(i, fmt.Sprintf("theme %d", k), err)
			}
			if slices.Contains(e.Themes[:k], th) {
				return app.Reject(app.CodeBadArgs, "entry %d: theme %d repeats", i, k)
			}
		}
		if e.Email != "" && !app.ValidEmail(e.Email) {
			return app.Reject(app.CodeBadArgs, "entry %d: e-mail address is not one address", i)
		}
		if len(e.Cohorts) > MaxEntryCohorts {
			return app.Reject(app.CodeBadArgs, "entry %d: %d cohorts, at most %d", i, len(e.Cohorts), MaxEntryCohorts)
		}
		for k, c := range e.Cohorts {
			if c == "" || len(c) > 64 {
				return app.Reject(app.CodeBadArgs, "entry %d: cohort %d is empty or overlong", i, k)
			}
			if slices.Contains(e.Cohorts[:k], c) {
				return app.Reject(app.CodeBadArgs, "entry %d: cohort %d repeats", i, k)
			}
		}
	}
	return nil
}

func entryErr(i int, what string, err error) error {
	var r *app.Rejection
	if errors.As(err, &r) {
		return &app.Rejection{Code: r.Code, Detail: fmt.Sprintf("entry %d: %s %s", i, what, r.Detail)}
	}
	return err
}

// checkField checks a text's length in characters (at least minRunes once
// trimmed, at most maxRunes), that it is UTF-8, that it holds no control
// character, and no other invisible one (app.CheckText).
func checkField(s string, minRunes, maxRunes int) error {
	if !utf8.ValidString(s) {
		return app.Reject(app.CodeBadArgs, "is not UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return app.Reject(app.CodeTooLong, "has %d characters, at most %d", n, maxRunes)
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(s)); n < minRunes {
		return app.Reject(app.CodeBadArgs, "has %d characters, want at least %d", n, minRunes)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return app.Reject(app.CodeBadArgs, "holds a control character")
	}
	return app.CheckText(s)
}

// rosterPerson is a company's person as an import compares them.
type rosterPerson struct {
	id                           string
	name, kana, ageBand, jobRole string
	role                         app.Role
	cohorts                      []string // sorted
	themes                       string   // as stored: JSON
	hasThemes                    bool
	email                        string
	emailOwn                     bool // the person confirmed email themselves (ConfirmEmail)
	emailFailing                 bool // mail to email failed for good
	joined                       bool // the person has had a device
}

// ImportRoster writes a company's participant import in one transaction:
// all of it, or nothing when any entry is refused. An entry whose
// employee number a person of the company already has updates that
// person's name, reading, age band, job role, role and cohorts (removing
// the cohorts the entry no longer lists, which expires the person's
// pending offers there, as SetMembers does), their themes while they
// have none, and their e-mail address when the entry gives one, unless
// the person confirmed their own (ConfirmEmail): that one is theirs, the
// entry's is not written, and the result counts it in OwnEmailKept. Any
// other entry adds a person with an id from newID, hidden and with an
// empty profile but for the entry's themes. An entry as the file already
// says writes nothing, so re-importing the same file takes no version and
// nothing syncs again; a new address takes a version, for the person's
// own user bucket to carry it. When the address the entry replaces is a
// joined person's (they have had a device) and has not failed, a notice
// to it is kept as a mail event (KindEmailReplaced), if a Mailer is set:
// their mails go elsewhere from now on, and they may give their own.
// Besides ValidateRoster's checks, the company and every cohort must
// exist, and no entry may match a secretariat account (imports manage
// only hr and participants).
//
// Employee numbers are matched as written, except where a spreadsheet lost
// their leading zeros: when the company's numbers made of digits are all
// of one width and some start with 0 (00123, 04567), a number of digits
// matches the stored one that is the same but for leading zeros, and a
// new one is stored zero-padded to that width. The stored form is kept.
// Two entries that find the same person so are refused as a repeated
// number.
func (s *Store) ImportRoster(ctx context.Context, companyID string, entries []app.RosterEntry, newID func() string, now time.Time) (app.ImportResult, error) {
	var res app.ImportResult
	if err := ValidateRoster(entries); err != nil {
		return res, err
	}
	mailer := s.currentMailer()
	kept := false
	err := s.write(ctx, func(tx *writeTx) error {
		res = app.ImportResult{}
		tx.mailer = mailer
		defer func() { kept = tx.mailKept }()
		return tx.importRoster(ctx, companyID, entries, newID, now, &res)
	})
	if err != nil {
		return app.ImportResult{}, err
	}
	if kept {
		s.render.nudge()
	}
	return res, nil
}

func (t *writeTx) importRoster(ctx context.Context, companyID string, entries []app.RosterEntry, newID func() string, now time.Time, res *app.ImportResult) error {
	if err := t.mustExist(ctx, "companies", companyID); err != nil {
		return err
	}
	cohorts, err := t.ids(ctx, `SELECT id FROM cohorts`)
	if err != nil {
		return err
	}
	for i, e := range entries {
		for _, c := range e.Cohorts {
			if !cohorts[c] {
				return app.Reject(app.CodeNotFound, "entry %d: no such cohort", i)
			}
		}
	}
	existing, err := t.rosterPeople(ctx, companyID)
	if err != nil {
		return err
	}
	numbers := newNumberForms(existing)
	var reindex []string
	var roles []string                         // whose role changed, for ListingsChanged
	var added []app.Membership                 // written here, for membersWritten
	seen := make(map[string]int, len(entries)) // the person (or new number) each entry found, by entry
	for i, e := range entries {
		role := e.Role
		if role == "" {
			role = app.RoleParticipant
		}
		want := slices.Clone(e.Cohorts)
		slices.Sort(want)
		no, p, found := numbers.find(e.EmployeeNo)
		key := "new:" + no
		if found {
			key = p.id
		}
		if j, dup := seen[key]; dup {
			return app.Reject(app.CodeDuplicateEmployeeNo, "entries %d and %d have the same employee number but for leading zeros", j, i)
		}
		seen[key] = i
		if !found {
			id := newID()
			themes := "[]"
			if len(e.Themes) > 0 {
				themes = codec.JSONStrings(e.Themes)
			}
			_, err := t.Exec(ctx, `INSERT INTO participants (id, company_id, name, kana, age_band, job_role, role,
				themes, visible, sort_key, employee_no, email, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, :v)`,
				id, companyID, e.Name, e.Kana, e.AgeBand, e.JobRole, role, themes, codec.SortKey(e.Kana), no, e.Email)
			if err != nil {
				return fmt.Errorf("import entry %d: %w", i, err)
			}
			for _, c := range want {
				if _, err := t.addMember(ctx, c, id); err != nil {
					return err
				}
				added = append(added, app.Membership{CohortID: c, ParticipantID: id})
			}
			reindex = append(reindex, id)
			res.Added++
			continue
		}
		if p.role == app.RoleSecretariat {
			return app.Reject(app.CodeNotAllowed, "entry %d: matches a secretariat account", i)
		}
		themes := p.themes
		if !p.hasThemes && len(e.Themes) > 0 {
			themes = codec.JSONStrings(e.Themes) // the person's first themes; theirs from then on
		}
		email := p.email
		switch {
		case e.Email == "" || e.Email == p.email:
		case p.emailOwn: // the person's own: never the list's
			if !strings.EqualFold(e.Email, p.email) {
				res.OwnEmailKept++
			}
		default:
			email = e.Email
		}
		fields := p.name != e.Name || p.kana != e.Kana || p.ageBand != string(e.AgeBand) ||
			p.jobRole != e.JobRole || p.role != role || themes != p.themes
		cohortsDiffer := !slices.Equal(p.cohorts, want)
		if !fields && !cohortsDiffer && email == p.email {
			res.Unchanged++
			continue
		}
		switch {
		case fields:
			if _, err := t.Exec(ctx, `UPDATE participants SET name = ?, kana = ?, age_band = ?, job_role = ?,
				role = ?, themes = ?, sort_key = ?, email = ?, version = :v WHERE id = ?`,
				e.Name, e.Kana, e.AgeBand, e.JobRole, role, themes, codec.SortKey(e.Kana), email, p.id); err != nil {
				return fmt.Errorf("import entry %d: %w", i, err)
			}
			reindex = append(reindex, p.id)
			if p.role != role {
				roles = append(roles, p.id)
			}
		case email != p.email: // the person's own user bucket carries it
			if _, err := t.Exec(ctx, `UPDATE participants SET email = ?, version = :v WHERE id = ?`, email, p.id); err != nil {
				return fmt.Errorf("import entry %d: %w", i, err)
			}
		}
		if email != p.email { // a new address is not failing (migration 013)
			if _, err := t.Exec(ctx, `UPDATE participants SET email_failed_at = 0, email_error = '' WHERE id = ?`, p.id); err != nil {
				return fmt.Errorf("import entry %d: %w", i, err)
			}
			if err := t.addressReplaced(ctx, p, email, now); err != nil {
				return fmt.Errorf("import entry %d: %w", i, err)
			}
		}
		if cohortsDiffer {
			for _, c := range want {
				if !slices.Contains(p.cohorts, c) {
					if _, err := t.addMember(ctx, c, p.id); err != nil {
						return err
					}
					added = append(added, app.Membership{CohortID: c, ParticipantID: p.id})
				}
			}
			for _, c := range p.cohorts {
				if !slices.Contains(want, c) {
					if _, err := t.removeMember(ctx, c, p.id, now); err != nil {
						return err
					}
				}
			}
		}
		res.Updated++
	}
	if err := t.MembersWritten(ctx, added); err != nil {
		return err
	}
	if err := t.ListingsChanged(ctx, roles, now); err != nil {
		return err
	}
	if len(reindex) == 0 {
		return nil
	}
	return t.Reindex(ctx, reindex, nil)
}

// addressReplaced keeps the mail event of a notice to p's old address,
// which the import has just replaced with email: only for a person who
// has joined (someone only invited has had no mail yet to miss), to an
// address that has not failed and is not the new one but for case, and
// when a Mailer is set that mails it.
func (t *writeTx) addressReplaced(ctx context.Context, p *rosterPerson, email string, now time.Time) error {
	if p.email == "" || p.emailFailing || !p.joined || strings.EqualFold(p.email, email) ||
		t.mailer == nil || !concerns(t.mailer, KindEmailReplaced) {
		return nil
	}
	data, err := json.Marshal(AddressReplaced{Old: p.email})
	if err != nil {
		return fmt.Errorf("notice of a replaced address: %w", err)
	}
	return t.keepMailEvent(ctx, MailEvent{Kind: KindEmailReplaced, To: p.id, At: now, Data: data})
}

// rosterPeople loads a company's people that have an employee number,
// by it, with their cohorts, their address and whether they have joined.
func (t *writeTx) rosterPeople(ctx context.Context, companyID string) (map[string]*rosterPerson, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT p.employee_no, p.id, p.name, p.kana, p.age_band, p.job_role, p.role,
		coalesce((SELECT json_group_array(cohort_id) FROM (SELECT cohort_id FROM cohort_members m
			WHERE m.participant_id = p.id ORDER BY cohort_id)), '[]'),
		p.themes, json_array_length(p.themes) > 0, p.email, p.email_own, p.email_failed_at <> 0,
		EXISTS (SELECT 1 FROM devices d WHERE d.participant_id = p.id)
		FROM participants p WHERE p.company_id = ? AND p.employee_no <> ''`, companyID)
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", companyID, err)
	}
	defer rows.Close()
	out := map[string]*rosterPerson{}
	for rows.Next() {
		var no, cohorts string
		p := &rosterPerson{}
		if err := rows.Scan(&no, &p.id, &p.name, &p.kana, &p.ageBand, &p.jobRole, &p.role, &cohorts,
			&p.themes, &p.hasThemes, &p.email, &p.emailOwn, &p.emailFailing, &p.joined); err != nil {
			return nil, fmt.Errorf("roster of %s: %w", companyID, err)
		}
		if p.cohorts, err = codec.FromJSON[[]string](cohorts, "cohorts"); err != nil {
			return nil, err
		}
		slices.Sort(p.cohorts)
		out[no] = p
	}
	return out, rows.Err()
}

// numberForms finds a company's people by employee number, as
// ImportRoster says: as written, or, where the company's numbers are
// zero-padded to one width, the same but for leading zeros.
type numberForms struct {
	byNo     map[string]*rosterPerson
	width    int               // the width the company pads its numbers to; 0 when it does not
	stripped map[string]string // numbers of digits without their leading zeros, when width > 0: the stored number
}

func newNumberForms(byNo map[string]*rosterPerson) numberForms {
	f := numberForms{byNo: byNo}
	zero := false
	for no := range byNo {
		if !allDigits(no) {
			continue
		}
		switch {
		case f.width == 0:
			f.width = len(no)
		case f.width != len(no):
			return numberForms{byNo: byNo} // not of one width: matched as written
		}
		zero = zero || no[0] == '0'
	}
	if !zero {
		return numberForms{byNo: byNo}
	}
	f.stripped = make(map[string]string)
	for no := range byNo {
		if allDigits(no) {
			f.stripped[stripZeros(no)] = no
		}
	}
	return f
}

// find returns the person an entry's number finds, and the number as it
// is stored: the person's, or a new number padded to the company's width.
func (f numberForms) find(no string) (stored string, p *rosterPerson, found bool) {
	if p, ok := f.byNo[no]; ok {
		return no, p, true
	}
	if f.width == 0 || !allDigits(no) {
		return no, nil, false
	}
	s := stripZeros(no)
	if stored, ok := f.stripped[s]; ok {
		return stored, f.byNo[stored], true
	}
	if len(s) <= f.width {
		return strings.Repeat("0", f.width-len(s)) + s, nil, false
	}
	return no, nil, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// stripZeros is a number of digits without its leading zeros ("0" for
// zeros alone).
func stripZeros(s string) string {
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return "0"
}
