package app

import (
	"strings"
	"testing"
)

// Every character CheckText refuses, one by one, alone and inside a name:
// the bidirectional marks, embeddings, overrides and isolates, every other
// format character (Unicode category Cf) but the two joiners, the Hangul
// fillers that show as nothing, and control characters but tab and line
// breaks.
func TestCheckTextRefuses(t *testing.T) {
	var refused []rune
	for r := rune(0x202A); r <= 0x202E; r++ { // LRE RLE PDF LRO RLO
		refused = append(refused, r)
	}
	for r := rune(0x2066); r <= 0x2069; r++ { // LRI RLI FSI PDI
		refused = append(refused, r)
	}
	refused = append(refused,
		0x200E, 0x200F, 0x061C, // LRM RLM ALM
		0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E, // zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator
		0x2061, 0x2062, 0x2063, 0x2064, // invisible operators
		0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, // deprecated format characters
		0xFFF9, 0xFFFA, 0xFFFB, // interlinear annotation
		0x0600, 0x06DD, 0x070F, 0x110BD, 0x13430, 0x1BCA0, 0x1D173, // other Cf
		0xE0001, 0xE0041, 0xE007F, // language tag; tag letters outside an emoji flag
		0x115F, 0x1160, 0x3164, 0xFFA0, // Hangul fillers
		0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x7F, 0x80, 0x85, 0x9F, // C0 and C1 controls
	)
	for _, r := range refused {
		for _, s := range []string{string(r), "山田" + string(r) + "太郎", "abc" + string(r)} {
			err := CheckText(s)
			if CodeOf(err) != CodeInvisibleChar {
				t.Errorf("U+%04X in %q: %v, want %s", r, s, err, CodeInvisibleChar)
			}
			if !InvisibleChar(r) {
				t.Errorf("InvisibleChar(U+%04X) = false", r)
			}
		}
	}
	// A flag's tags that run on into other text, or stop without
	// their end, are no flag.
	for _, s := range []string{"🏴\U000E0067\U000E0062", "🏴\U000E0067\U000E0062x\U000E007F", "x\U000E0067\U000E007F", "🏴\U000E007F"} {
		if CodeOf(CheckText(s)) != CodeInvisibleChar {
			t.Errorf("%+q accepted", s)
		}
	}
}

// What CheckText lets through: names and texts as people write them,
// emoji joined with ZWJ, the joiners of scripts that need them, variation
// selectors (emoji and the ideographic variants of kanji in names),
// subdivision flags, tab and line breaks.
func TestCheckTextAccepts(t *testing.T) {
	for _, s := range []string{
		"", "山田 太郎", "やまだ たろう", "髙橋　𠮷野", "葛\U000E0100城", // IVS on 葛
		"👨\u200D👩\u200D👧", "👩🏽\u200D💻", "❤️", "🇯🇵", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", // England
		"می\u200Cخواهم", "क्\u200Dष",
		"一行目\n二行目\r\n\t字下げ", "A&B <b>", "line\u2028sep", "אבג abc",
	} {
		if err := CheckText(s); err != nil {
			t.Errorf("%+q: %v", s, err)
		}
	}
	if err := CheckText("abc\u202Edef"); err == nil || !strings.Contains(err.Error(), "U+202E") {
		t.Errorf("the detail does not name the character: %v", err)
	}
}
