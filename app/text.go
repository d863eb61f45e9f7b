package app

import "unicode"

// CheckText refuses, with CodeInvisibleChar, a text that holds a
// character that shows as nothing yet changes what the text seems to say
// or whose it seems to be:
//
//   - the bidirectional controls: the marks U+200E, U+200F and U+061C,
//     the embeddings and overrides U+202A–U+202E and the isolates
//     U+2066–U+2069, with which "山田\u202Eabc" shows as 山田cba;
//   - every other format character (Unicode category Cf): zero-width
//     space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD,
//     invisible operators, interlinear annotations, tags, …, with which
//     two names that look alike are different texts;
//   - the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, which show as
//     blank letters;
//   - control characters (category Cc) but tab, line feed and carriage
//     return.
//
// It lets through the zero-width joiner U+200D (emoji such as 👨‍👩‍👧 and
// scripts such as Devanagari need it) and non-joiner U+200C (Persian,
// Indic scripts): neither reorders text nor hides any, they only join or
// part the letters beside them. Tag characters are let through only as
// an emoji's subdivision flag (🏴 then tag letters then U+E007F, the flag
// of England). Variation selectors are not format characters and stay:
// emoji and the variants of kanji in names (葛󠄀) use them.
//
// Every free text and name a mutator, an import or the administration
// takes goes through it.
func CheckText(s string) error {
	if i, r, ok := invisibleIn(s); ok {
		return Reject(CodeInvisibleChar, "holds U+%04X, an invisible control character, at character %d", r, i+1)
	}
	return nil
}

// InvisibleChar reports whether CheckText refuses r wherever it stands
// (a tag character is refused everywhere but in an emoji flag).
func InvisibleChar(r rune) bool {
	return isTag(r) || invisibleRune(r)
}

// invisibleRune reports whether r is refused on its own: a format or
// control character but the joiners, tab and line breaks, or a Hangul
// filler. Tags are left to invisibleIn.
func invisibleRune(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\u200C', '\u200D':
		return false
	case '\u115F', '\u1160', '\u3164', '\uFFA0':
		return true
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r)
}

// Tags: U+E0020–U+E007E spell a flag's subdivision, U+E007F ends it.
const (
	blackFlag = '\U0001F3F4'
	cancelTag = '\U000E007F'
)

func isTag(r rune) bool { return r >= 0xE0020 && r <= cancelTag }

// invisibleIn finds the first character CheckText refuses: its index in
// characters, and the character.
func invisibleIn(s string) (int, rune, bool) {
	const (
		outside = iota
		afterFlag
		inTags
	)
	state, n := outside, 0
	tagAt, tag := 0, rune(0)
	for _, r := range s {
		i := n
		n++
		switch {
		case isTag(r) && r != cancelTag:
			if state == outside {
				return i, r, true
			}
			if state == afterFlag {
				tagAt, tag = i, r
			}
			state = inTags
			continue
		case r == cancelTag:
			if state != inTags {
				return i, r, true
			}
			state = outside
			continue
		case state == inTags:
			return tagAt, tag, true // a flag's tags that do not end
		}
		state = outside
		if r == blackFlag {
			state = afterFlag
		}
		if invisibleRune(r) {
			return i, r, true
		}
	}
	if state == inTags {
		return tagAt, tag, true
	}
	return 0, 0, false
}
