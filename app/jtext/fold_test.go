package jtext

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"ヤマダ タロウ":     "やまだ たろう",
		"ﾔﾏﾀﾞ":        "やまだ",    // half-width katakana, voiced mark joined
		"ＡＢＣ１２３":      "abc123", // full-width Latin and digits
		"ＤＸ推進":        "dx推進",
		"山田　太郎":       "山田 太郎", // ideographic space
		"  a \t\n b ": "a b",   // runs of space, trimmed
		"セカンドキャリア":    "せかんどきゃりあ",
		"ヴ":           "ゔ",
		"ー":           "ー", // the long-vowel mark stays
		"":            "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Terms(" すずき　ｲﾁﾛｳ "); !slices.Equal(got, []string{"すずき", "いちろう"}) {
		t.Errorf("Terms: %q", got)
	}
}

func TestIsKana(t *testing.T) {
	for in, want := range map[string]bool{
		"やまだ たろう": true, "ヤマダ　タロウ": true, "ﾔﾏﾀﾞ": true, "コーヒー・ブレイク": true,
		"山田": false, "yamada": false, "": false, " ・ー": false, "やまだ1": false,
	} {
		if got := IsKana(in); got != want {
			t.Errorf("IsKana(%q) = %v, want %v", in, got, want)
		}
	}
}

// foldReference is Fold as first written, rune by rune through the
// unicode tables: the fast paths must not change a single result.
func foldReference(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r >= 'ァ' && r <= 'ヶ':
			r -= 'ァ' - 'ぁ'
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

// TestStableRunes checks the runes that skip the normaliser: NFKC keeps
// each, and none combines with the rune before it.
func TestStableRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r < utf8.RuneSelf || !stableRune(r) {
			continue
		}
		if s := string(r); norm.NFKC.String(s) != s || !norm.NFKC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("%U is no stable rune", r)
		}
	}
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if s := string(c); nfkcStable(s) && (norm.NFKC.String(s) != s || !norm.NFKC.PropertiesString(s).BoundaryBefore()) {
			t.Errorf("%U is no stable rune", c)
		}
	}
}

// TestFoldEveryRune checks every code point alone, and between letters
// and spaces, against the reference.
func TestFoldEveryRune(t *testing.T) {
	bad := 0
	for r := rune(0); r <= unicode.MaxRune && bad < 10; r++ {
		for _, s := range []string{string(r), "a " + string(r) + "\u3000b"} {
			if got, want := Fold(s), foldReference(s); got != want {
				t.Errorf("Fold(%q) = %q, reference %q", s, got, want)
				bad++
			}
		}
	}
}

// TestFoldRandomText checks random mixes of the scripts and spaces of a
// profile, and broken UTF-8, against the reference.
func TestFoldRandomText(t *testing.T) {
	pieces := []string{"山田", "ﾔﾏﾀﾞ", "ヤマダ", "やまだ", "ＡＢＣ", "Abc", "Ωμέγα", "Ǆ", "　", " ", "\t\n", "\u00a0",
		"\u2028", "①", "㍻", "ｰ", "ヴ", "\xff", "\xe3\x81", "é", "e\u0301", "İ", "ẞ", "ǅ", "Ⅻ", "Ａ", "…"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Fold(s), foldReference(s); got != want {
			t.Fatalf("Fold(%q) = %q, reference %q", s, got, want)
		}
	}
}

// BenchmarkFold folds a profile's text, without and with full-width
// forms (which the normaliser must rewrite).
func BenchmarkFold(b *testing.B) {
	for name, s := range map[string]string{
		"plain":      "山田 太郎 やまだ たろう 株式会社サンプル 製造業 人事部 部長 キャリア デジタル 週末は山歩きをしています。DX推進の経験を話せます。",
		"full-width": "山田 太郎 やまだ たろう 株式会社サンプル 製造業 人事部 部長 キャリア デジタル 週末は山歩きをしています。ＤＸ推進の経験を話せます。",
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Fold(s)
			}
		})
	}
}
