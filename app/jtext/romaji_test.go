package jtext

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRomaji(t *testing.T) {
	for reading, want := range map[string]string{
		"いしい ようこ":    "isiiyoko",
		"イシイ　ヨウコ":    "isiiyoko", // katakana, ideographic space
		"ｲｼｲ ﾖｳｺ":    "isiiyoko", // half-width
		"さとう":        "sato",
		"おおの ゆうこ":    "onoyuko",
		"まつもと じゅんいち": "matumotozyuniti",
		"はっとり ちあき":   "hattoritiaki",
		"まっちゃ":       "mattya",
		"しんばし":       "sinbasi",
		"ほんま":        "honma",
		"ふじた":        "huzita",
		"つじ":         "tuzi",
		"ちぢみ":        "tizimi",
		"つづき":        "tuzuki",
		"しょうへい":      "syohei",
		"きょうこ":       "kyoko",
		"けいこ":        "keiko",
		"たかあき":       "takaaki",
		"こんの":        "kono",
		"を":          "o",
		"メアリー":       "mearii", // ー repeats the vowel before it
		"ファン":        "fan",
		"ティー":        "tii",
		"ウィリアム":      "wiriamu",
		"ヴァイオリン":     "vaiorin",
		"シェフ":        "syehu",
		"ジェームス":      "zyeemusu",
		"さゝき":        "sasaki",
		"っ":          "",
		"":           "",
	} {
		if got := Romaji(reading); got != want {
			t.Errorf("Romaji(%q) = %q, want %q", reading, got, want)
		}
	}
}

func TestRomajiWords(t *testing.T) {
	for reading, want := range map[string]string{
		"いしい ようこ":    " isiiyoko yokoisii",
		"サトウ　オサム":    " satosamu osamusato", // osamu keeps its o
		"こんどう":       " kondo",
		"ふぁん でぃん あん": " fanzinan zinanfan anfanzin",
		"":           "",
		"  ":         "",
	} {
		if got := RomajiWords(reading); got != want {
			t.Errorf("RomajiWords(%q) = %q, want %q", reading, got, want)
		}
	}
}

// romajiCases are readings with the ways people type them in romaji.
var romajiCases = []struct {
	reading string
	typed   []string
}{
	{"いしい ようこ", []string{"ishiiyoko", "ishiiyouko", "ishiiyooko", "ishiiyōko", "ishiiyôko", "ishiiyohko",
		"IshiiYoko", "ISHIIYOUKO", "ｉｓｈｉｉｙｏｕｋｏ", "isiiyoko"}},
	{"さとう", []string{"sato", "satou", "satoo", "satoh", "satō", "SATOH"}},
	{"おおの", []string{"ono", "oono", "ohno", "ōno", "Ōno", "ÔNO", "ouno", "ＯＨＮＯ"}},
	{"ゆうこ", []string{"yuko", "yuuko", "yūko", "yûko"}},
	{"しょうへい", []string{"shohei", "shouhei", "syouhei", "syohei", "shōhei"}},
	{"ちあき", []string{"chiaki", "tiaki"}},
	{"つじ", []string{"tsuji", "tuzi", "tsuzi", "tuji"}},
	{"ふじた", []string{"fujita", "huzita", "hujita"}},
	{"ちぢみ", []string{"chijimi", "tizimi", "tidimi"}},
	{"つづき", []string{"tsuzuki", "tuzuki", "tuduki"}},
	{"まっちゃ", []string{"matcha", "maccha", "mattya"}},
	{"はっとり", []string{"hattori"}},
	{"じゅんいち", []string{"junichi", "jun'ichi", "jun-ichi", "junnichi", "jyunichi", "zyun'iti", "zyunniti"}},
	{"しんばし", []string{"shimbashi", "shinbashi", "sinbasi", "shinnbashi"}},
	{"ほんま", []string{"homma", "honma", "hon'ma", "honnma"}},
	{"りょう", []string{"ryo", "ryou", "ryō"}},
	{"しゃ", []string{"sha", "sya", "shya"}},
	{"ちゃ", []string{"cha", "tya", "cya"}},
	{"じゃ", []string{"ja", "zya", "jya"}},
	{"ぢゃ", []string{"ja", "zya", "dya"}},
	{"を", []string{"o", "wo"}},
	{"けいこ", []string{"keiko", "Keiko"}},
	{"たかあき", []string{"takaaki", "takāki"}},
}

// Every usual spelling of a reading comes to the reading's romaji, and
// every beginning of it, as it is typed, to a beginning of the reading's
// romaji: each key narrows, never empties, the list. A trailing m before
// b, m or p, d before i, u or y and w before o are the known exceptions.
func TestRomajiTerm(t *testing.T) {
	for _, c := range romajiCases {
		want := Romaji(c.reading)
		for _, typed := range c.typed {
			if got, ok := RomajiTerm(typed); !ok || got != want {
				t.Errorf("RomajiTerm(%q) = %q, %v; want %q, the romaji of %s", typed, got, ok, want, c.reading)
			}
			runes := []rune(typed)
			for n := 1; n < len(runes); n++ {
				last, next := runes[n-1], runes[n]
				if last == 'm' && strings.ContainsRune("bmp", next) || last == 'd' && strings.ContainsRune("iuy", next) ||
					last == 'w' && next == 'o' {
					continue
				}
				prefix := string(runes[:n])
				got, ok := RomajiTerm(prefix)
				if ok && !strings.HasPrefix(want, got) {
					t.Errorf("typing %q: %q (%q) does not begin %q, the romaji of %s", typed, prefix, got, want, c.reading)
				}
			}
		}
	}
	for _, term := range []string{"石井", "いしい", "dx2", "", "'", "-", "yo子"} {
		if got, ok := RomajiTerm(term); ok {
			t.Errorf("RomajiTerm(%q) = %q, a romaji term", term, got)
		}
	}
}

// A reading's romaji, typed as it is, finds the reading: the canonical
// form is its own canonical form.
func TestRomajiIsCanonical(t *testing.T) {
	var all []rune
	for r := 'ぁ'; r <= 'ゖ'; r++ {
		all = append(all, r)
	}
	all = append(all, 'ー', 'ゝ', ' ')
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteRune(all[rng.IntN(len(all))])
		}
		reading := b.String()
		want := Romaji(reading)
		if got, ok := RomajiTerm(want); want != "" && (!ok || got != want) {
			t.Fatalf("Romaji(%q) = %q, whose own canonical form is %q", reading, want, got)
		}
	}
}

func BenchmarkRomaji(b *testing.B) {
	for b.Loop() {
		Romaji("まつもと じゅんいち")
	}
}
