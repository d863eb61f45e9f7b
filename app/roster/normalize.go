package roster

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"crosstalk/app"
)

// Limits on the length of a cell, in runes (characters), after
// normalisation: the profile's own, so that an imported person can save
// their profile as it came.
const (
	MaxEmployeeNoRunes = app.MaxEmployeeNoRunes
	MaxNameRunes       = app.MaxNameRunes
	MaxKanaRunes       = app.MaxNameRunes
	MaxJobRoleRunes    = app.MaxJobRoleRunes
)

// Limit returns the most runes a cell of column c may hold, or 0 when the
// column has no limit of its own.
func Limit(c Column) int {
	switch c {
	case ColEmployeeNo:
		return MaxEmployeeNoRunes
	case ColName:
		return MaxNameRunes
	case ColKana:
		return MaxKanaRunes
	case ColJobRole:
		return MaxJobRoleRunes
	}
	return 0
}

// Normalize returns the text of a cell of column c as Read stores it in
// Row.Cells:
//
//   - every cell: white space of any kind (the ideographic space U+3000,
//     tabs, line breaks made with Alt+Enter, zero-width spaces) and control
//     characters become one ASCII space, runs of them one space, and the
//     text is trimmed; half-width katakana become full-width, with their
//     voiced marks joined (ﾀﾞ → ダ). Kanji, kana and other letters are kept
//     as written (no NFKC: it would change compatibility ideographs in
//     names and turn ㈱ into (株)).
//   - employee numbers, ages, birth dates and e-mail addresses: full-width
//     ASCII (digits, Latin letters, signs) becomes half-width, and dashes
//     of every width (－ − ‐ – —, and ー typed for one) become "-".
//   - cohort: the names, split at 、 , ; ， ； and line breaks, each
//     normalised, empty ones dropped, joined with "、".
//
// Themes are kept as written, but for the first rule and line breaks,
// which become 、: Read splits them (splitThemes).
func Normalize(c Column, s string) string {
	switch c {
	case ColThemes:
		return clean(lineBreaks.Replace(s))
	case ColEmployeeNo, ColAgeBand, ColBirthDate, ColEmail:
		return narrow(clean(s))
	case ColCohort:
		return strings.Join(cohortNames(s), "、")
	}
	return clean(s)
}

var lineBreaks = strings.NewReplacer("\r\n", "、", "\n", "、", "\r", "、")

// clean is the normalisation every cell gets.
func clean(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c >= 0x7f {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
			space = b.Len() > 0
			i += n
			continue
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana and signs
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 < 0xFF61 || r2 > 0xFF9F {
					break
				}
				j += n2
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			// Widen maps ﾞ and ﾟ to combining marks; NFC joins them.
			b.WriteString(norm.NFC.String(width.Widen.String(s[i:j])))
			i = j
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

// blankText reports whether clean(s) is "".
func blankText(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// isSpace reports whether r is white space or a control or format
// character that has no place in a roster cell: among them the
// direction overrides and the other invisible characters the server
// refuses in names (app.InvisibleChar).
func isSpace(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || app.InvisibleChar(r)
}

// narrow turns full-width ASCII into ASCII and every dash into "-".
func narrow(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case isDash(r):
			return '-'
		}
		return r
	}, s)
}

// isDash reports whether r is a dash or a minus sign of any width.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D', '\uFF70',
		'ー': // the long-vowel mark, typed for a dash with the IME on
		return true
	}
	return false
}

// ParseAgeBand returns the band of app.AgeBands that s names. It accepts
// a band's two ages joined by a dash or a wave (any width: 50-54, 50－54,
// ５０〜５４, 50～54, 50~54), each age or only the last optionally followed
// by 歳 or 才 (50〜54歳, 50歳〜54歳), with spaces anywhere; "60-64" for the
// top band, whose programme ends at 65; and the decade halves 40代後半,
// 50代前半, 50代後半, 60代前半. A single age, a decade alone ("50代") or a
// band outside the programme is not a band.
func ParseAgeBand(s string) (app.AgeBand, bool) {
	s = narrow(clean(s))
	s = strings.ReplaceAll(s, " ", "")
	switch s {
	case "40代後半":
		return "45-49", true
	case "50代前半":
		return "50-54", true
	case "50代後半":
		return "55-59", true
	case "60代前半":
		return "60-65", true
	}
	lo, rest, ok := age(s)
	if !ok || rest == "" {
		return "", false
	}
	r, n := utf8.DecodeRuneInString(rest)
	switch r {
	case '-', '~', '〜', '～', 'ー':
	default:
		return "", false
	}
	hi, rest, ok := age(rest[n:])
	if !ok || rest != "" {
		return "", false
	}
	if lo == "60" && hi == "64" {
		hi = "65"
	}
	if b := app.AgeBand(lo + "-" + hi); b.Valid() {
		return b, true
	}
	return "", false
}

// age reads two ASCII digits and an optional 歳 or 才 from the start of s.
func age(s string) (n, rest string, ok bool) {
	if len(s) < 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return "", "", false
	}
	n, rest = s[:2], s[2:]
	if len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9' {
		return "", "", false
	}
	rest = strings.TrimPrefix(rest, "歳")
	rest = strings.TrimPrefix(rest, "才")
	return n, rest, true
}

// ParseRole returns the account role a role cell names: an empty cell,
// 参加者 or participant is a participant; 人事, 人事担当, 人事担当者 or hr
// (in any case or width) is HR staff. Nothing else is: the secretariat
// is never imported.
func ParseRole(s string) (app.Role, bool) {
	s = strings.ToLower(narrow(clean(s)))
	switch s {
	case "", "参加者", "participant":
		return app.RoleParticipant, true
	case "人事", "人事担当", "人事担当者", "hr":
		return app.RoleHR, true
	}
	return "", false
}

// splitThemes splits a normalised themes cell into its themes: at 、 , ，
// ､ ; ；, or, when the cell has none of them, at ・ (セカンドキャリア・学
// び直し), so that a theme such as 副業・兼業 in a list separated by 、
// stays whole. Each is normalised; empty ones and repeats are dropped.
func splitThemes(s string) []string {
	seps := func(r rune) bool {
		switch r {
		case '、', ',', '，', '､', ';', '；':
			return true
		}
		return false
	}
	if strings.IndexFunc(s, seps) < 0 {
		seps = func(r rune) bool { return r == '・' || r == '･' }
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, seps) {
		if f = clean(f); f != "" && !contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// cohortNames splits a cohort cell into its names.
func cohortNames(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '、', ',', ';', '，', '；', '､', '\n', '\r':
			return true
		}
		return false
	}) {
		if f = clean(f); f != "" && !contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nameKey is the form in which a header or a cohort name is compared:
// full-width ASCII narrowed, half-width katakana widened, lower case,
// without spaces.
func nameKey(s string) string {
	s = strings.ToLower(width.Fold.String(clean(s)))
	return strings.ReplaceAll(s, " ", "")
}
