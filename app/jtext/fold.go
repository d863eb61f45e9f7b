// Package jtext folds Japanese text for search: full-width and half-width
// forms become one, katakana becomes hiragana, and Latin letters lose
// their case, so that a query in any of these forms finds the others.
package jtext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in its search form: NFKC (full-width Latin and digits to
// ASCII, half-width katakana to full-width, ideographic space to a space),
// katakana to hiragana, lower case, and runs of white space as one space.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r >= 'ァ' && r <= 'ヶ':
			r -= 'ァ' - 'ぁ'
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Terms splits a query into folded terms, each of which must match.
func Terms(query string) []string {
	return strings.Fields(Fold(query))
}

// IsKana reports whether s is a reading: hiragana, katakana (either
// width), the long-vowel mark, the middle dot and spaces, with at least
// one kana.
func IsKana(s string) bool {
	kana := false
	for _, r := range s {
		switch {
		case r >= 'ぁ' && r <= 'ゖ', r >= 'ァ' && r <= 'ヺ', r >= 'ｦ' && r <= 'ﾟ':
			kana = true
		case r == 'ー', r == '・', r == 'ゝ', r == 'ゞ', r == 'ヽ', r == 'ヾ', r == ' ', r == '　':
		default:
			return false
		}
	}
	return kana
}
