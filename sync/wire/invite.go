package wire

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// InviteCodeAlphabet has the 32 characters of an invite code, none of
// which can be mistaken for another when read or typed: no 0 or O, no 1
// or I.
const InviteCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// InviteCodeLen is the number of characters of an invite code, without
// its dashes ("K7QX-M2PA-WD9R").
const InviteCodeLen = 12

// NormalizeInviteCode is an invite code as the server compares it:
// full-width characters made half-width, upper case, without spaces and
// dashes, so that "k7qx m2pa－ｗｄ９ｒ" and "K7QX-M2PA-WD9R" are the same
// code.
func NormalizeInviteCode(code string) string {
	code = width.Narrow.String(code)
	var sb strings.Builder
	for _, r := range code {
		if unicode.IsSpace(r) || isDash(r) || unicode.IsControl(r) {
			continue
		}
		sb.WriteRune(unicode.ToUpper(r))
	}
	return sb.String()
}

// isDash reports whether r is a hyphen, a dash or the katakana long
// vowel mark, which a Japanese keyboard gives for "-".
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', 'ｰ', '－':
		return true
	}
	return unicode.Is(unicode.Pd, r)
}

// InviteCodeShape tells what keeps code, as typed, from being an invite
// code: its length without spaces and dashes when that is not
// InviteCodeLen, and the characters an invite code never has, each once,
// in the order typed. Both are zero for a code of the right shape (which
// the server may still not know).
func InviteCodeShape(code string) (length int, foreign []rune) {
	n := NormalizeInviteCode(code)
	for _, r := range n {
		length++
		if !strings.ContainsRune(InviteCodeAlphabet, r) && !containsRune(foreign, r) {
			foreign = append(foreign, r)
		}
	}
	if length == InviteCodeLen {
		length = 0
	}
	return length, foreign
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
