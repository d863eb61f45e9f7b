// Package jtext folds Japanese text for search: full-width and half-width
// forms become one, katakana becomes hiragana, and Latin letters lose
// their case, so that a query in any of these forms finds the others.
package jtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in its search form: NFKC (full-width Latin and digits to
// ASCII, half-width katakana to full-width, ideographic space to a space),
// katakana to hiragana, lower case, and runs of white space as one space.
//
// ASCII, kana and kanji, nearly all of a Japanese profile, take a short
// path: none of them has a case or is a space, but for ASCII's own.
func Fold(s string) string {
	if !nfkcStable(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ', c >= '\t' && c <= '\r':
				space = b.Len() > 0
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 'ァ' && r <= 'ヶ':
			r -= 'ァ' - 'ぁ'
		case r > '\u3000' && r < '\ua000':
			// CJK punctuation, kana and ideographs: no case, no space.
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
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

// nfkcStable reports whether s is made only of runes that NFKC leaves as
// they are and that never combine with the rune before them: printable
// ASCII, tab and newlines, hiragana, katakana, the long-vowel mark and
// the common kanji. Most of a profile is, and checking it costs less
// than the normaliser's own check.
func nfkcStable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !stableRune(r) {
			return false
		}
		i += n
	}
	return true
}

// stableRune reports whether r, outside ASCII, is one of nfkcStable's.
func stableRune(r rune) bool {
	return r >= 'ぁ' && r <= 'ゖ' || r >= 'ァ' && r <= 'ー' || r >= '\u4e00' && r <= '\u9fff' ||
		r == '、' || r == '。' || r >= '「' && r <= '』'
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
