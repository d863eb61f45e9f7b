package jtext

import (
	"strings"
	"unicode/utf8"
)

// Readings are found by their romanisation: a reading is kept in one
// canonical romanisation (Romaji, RomajiWords), and a query term in Latin
// letters is brought to the same form (RomajiTerm), so that the usual
// ways of typing a name in romaji all find it. The canonical form is
// close to kunrei-shiki, without spaces:
//
//   - Hepburn, kunrei and typing spellings meet: shi/si, chi/ti, tsu/tu,
//     fu/hu, ji/zi/di, zu/du, sha/sya/shya, cha/tya/cya, ja/zya/jya/dya;
//     wo is o.
//   - ん is n, typed n, nn or n', and m before b, m and p (Shimbashi).
//   - っ doubles the next consonant: kk, ss, tt, and tch or cch before ch.
//   - Long o and u are one vowel: ou, oo and uu, oh before a consonant or
//     at the end (Ohno, Satoh), and the macrons ō, ô, ū and û. Long a, i
//     and e stay as written (aa, ii, ee, ei; ā, ī and ē are aa, ii and
//     ee): Hepburn writes Takaaki, Ishii and Keiko, and folding ii would
//     find いしだ for Ishii.
//   - Case, width (ｙｏｕｋｏ), apostrophes and hyphens do not count.
//
// A term being typed may end in half a syllable: a trailing sh, ch, ts,
// c, j or f becomes what its syllable begins with in the canonical form
// (s, t, t, t, z, h), so that every key typed narrows the list. Only a
// trailing m of Shimbashi, d of nihon-shiki's tuduki and w of wo find
// nothing until the next letter.
//
// Different readings may meet, as folding long vowels makes them: こうち
// and こち are both koti, こんの and この kono. A search then shows a few
// more people, never fewer.

// Romaji is the canonical romanisation of reading, a reading in any form
// of kana, without spaces. Latin letters in it are kept; anything else
// is left out.
func Romaji(reading string) string {
	return canonical(string(hepburn(make([]byte, 0, 64), Fold(reading))))
}

// RomajiWords is the romaji of reading (Romaji) starting from each of its
// words in turn, going round, each after a space: " isiiyoko yokoisii"
// for いしい ようこ. A term's romaji after a space is found in it where the
// term begins one of the reading's words: Ishii, yoko, ishiiyoko and
// yokoishii find いしい ようこ, and ko, shii or it (in kenichi) do not.
// Each turn is made on its own, so that no word loses its beginning to
// the word before it: さとう おさむ gives " satosamu osamusato", where
// osamu is found, though in satosamu the o of osamu went into the long o
// of satou.
func RomajiWords(reading string) string {
	words := strings.Fields(Fold(reading))
	var b strings.Builder
	for i := range words {
		b.WriteByte(' ')
		b.WriteString(Romaji(strings.Join(words[i:], "") + strings.Join(words[:i], "")))
	}
	return b.String()
}

// RomajiTerm is the canonical form of a query term of Latin letters (in
// any width or case, with macrons, apostrophes or hyphens), and false for
// a term that is not romaji.
func RomajiTerm(term string) (string, bool) {
	letters := false
	for _, r := range Fold(term) {
		switch {
		case r >= 'a' && r <= 'z':
			letters = true
		case r == '\'', r == '’', r == '-', strings.ContainsRune(macrons, r):
		default:
			return "", false
		}
	}
	if !letters {
		return "", false
	}
	return canonical(Fold(term)), true
}

// macrons are the long vowels of Hepburn and of Japanese typing, each
// standing for its vowel twice.
const macrons = "āīūēōâîûêô"

// kana is the Hepburn spelling of each hiragana from ぁ to ゖ: っ and ん
// are marks of their own (sokuon, hatsuon), small kana combine with the
// kana before them.
var kana = func() [0x3097 - 0x3041]string {
	var t [0x3097 - 0x3041]string
	for _, pair := range strings.Fields(`ぁa あa ぃi いi ぅu うu ぇe えe ぉo おo
		かka がga きki ぎgi くku ぐgu けke げge こko ごgo
		さsa ざza しshi じji すsu ずzu せse ぜze そso ぞzo
		たta だda ちchi ぢji っっ つtsu づzu てte でde とto どdo
		なna にni ぬnu ねne のno
		はha ばba ぱpa ひhi びbi ぴpi ふfu ぶbu ぷpu へhe べbe ぺpe ほho ぼbo ぽpo
		まma みmi むmu めme もmo ゃya やya ゅyu ゆyu ょyo よyo
		らra りri るru れre ろro ゎwa わwa ゐi ゑe をo んん ゔvu ゕka ゖke`) {
		r, n := utf8.DecodeRuneInString(pair)
		t[r-0x3041] = pair[n:]
	}
	return t
}()

// hepburn appends to b a folded reading (hiragana) spelt in Hepburn,
// without spaces: small kana joined to the kana before them (しゃ sha,
// ふぁ fa, てぃ ti), っ as the next consonant doubled (tch before ch), ん
// as n, ー as the vowel before it again, ゝ and ゞ as the kana before them.
// Latin letters are kept, anything else is a break.
func hepburn(b []byte, s string) []byte {
	last := -1      // where the last kana's syllable begins in b, or -1 after a mark or a break
	sokuon := false // a っ waits for the next syllable
	for _, r := range s {
		var sp string
		switch {
		case r >= 'ぁ' && r <= 'ゖ':
			sp = kana[r-'ぁ']
		case r >= 'a' && r <= 'z':
			b, last, sokuon = append(b, byte(r)), -1, false
			continue
		case r == 'ー':
			if n := len(b); n > 0 && isVowel(b[n-1]) {
				b = append(b, b[n-1])
			}
			last, sokuon = -1, false
			continue
		case r == 'ゝ' || r == 'ゞ':
			if last >= 0 {
				n := len(b)
				b = append(b, b[last:]...)
				last = n
			}
			continue
		default:
			last, sokuon = -1, false
			continue
		}
		switch {
		case sp == "っ":
			last, sokuon = -1, true
		case sp == "ん":
			b, last, sokuon = append(b, 'n'), -1, false
		case last >= 0 && strings.ContainsRune("ぁぃぅぇぉゃゅょ", r):
			b = joinSmall(b, last, sp)
		default:
			if sokuon && strings.HasPrefix(sp, "ch") {
				b = append(b, 't')
			} else if sokuon && !isVowel(sp[0]) {
				b = append(b, sp[0])
			}
			last, sokuon = len(b), false
			b = append(b, sp...)
		}
	}
	return b
}

const vowels = "aiueo"

func isVowel(c byte) bool { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o' }

// joinSmall joins the small kana small (its Hepburn spelling) to the
// syllable of b that begins at last: a small ya, yu or yo makes a
// contracted sound (きゃ kya, しゃ sha, じゃ ja), a small vowel takes the
// place of the syllable's vowel (ふぁ fa, てぃ ti, しぇ she), and after う
// makes a w (うぃ wi).
func joinSmall(b []byte, last int, small string) []byte {
	p := string(b[last:])
	base := strings.TrimRight(p, vowels)
	b = b[:last]
	switch {
	case base == "" && p == "u" && small[0] != 'y':
		return append(append(b, 'w'), small...)
	case base == "":
		return append(append(b, p...), small...)
	case small[0] != 'y':
		return append(append(b, base...), small...)
	case strings.HasSuffix(base, "sh"), strings.HasSuffix(base, "ch"), strings.HasSuffix(base, "j"):
		return append(append(b, base...), small[1:]...)
	default:
		return append(append(b, base...), small...)
	}
}

// canonical brings romaji (folded: lower case, narrow) to the canonical
// form described at the top of this file.
func canonical(s string) string {
	in := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && r != '\'' && r != '-':
			in = append(in, byte(r))
		case strings.ContainsRune(macrons, r):
			v := byte(vowels[strings.IndexRune(macrons, r)/len("ā")%5])
			in = append(in, v, v)
		}
	}
	at := func(i int) byte {
		if i < len(in) {
			return in[i]
		}
		return 0
	}
	out := make([]byte, 0, len(in))
	last := func() byte {
		if len(out) == 0 {
			return 0
		}
		return out[len(out)-1]
	}
	// opens reports whether c is a vowel other than i: after sh, ch and j
	// it takes kunrei's y (sha is sya, ja is zya).
	opens := func(c byte) bool { return c == 'a' || c == 'u' || c == 'e' || c == 'o' }
	for i := 0; i < len(in); i++ {
		c, next := in[i], at(i+1)
		if c == 'm' && (next == 'b' || next == 'm' || next == 'p') {
			c = 'n' // ん before b, m and p in Hepburn
		}
		switch {
		case (c == 'o' || c == 'u') && last() == 'o', c == 'u' && last() == 'u':
			// ou, oo, uu: a long vowel.
		case c == 'h' && last() == 'o' && !strings.ContainsRune(vowels+"yh", rune(next)):
			// oh before a consonant: a long o (Ohno, Satoh).
		case (c == 's' || c == 'c') && next == 'h':
			if c == 'c' {
				c = 't'
			}
			out = append(out, c)
			i++
			if opens(at(i + 1)) {
				out = append(out, 'y')
			}
		case c == 'c' && (next == 'c' || next == 'y' || next == 0), c == 't' && next == 'c' && at(i+2) == 'h':
			out = append(out, 't') // cch, tch: っち; cy: ち; a c being typed
		case c == 't' && next == 's':
			out = append(out, 't')
			i++
		case c == 'j':
			out = append(out, 'z')
			if opens(next) {
				out = append(out, 'y')
			}
		case c == 'd' && (next == 'i' || next == 'u' || next == 'y'):
			out = append(out, 'z')
		case c == 'f' && (next == 'u' || next == 0 || next == 'f' && (at(i+2) == 'u' || at(i+2) == 0)):
			out = append(out, 'h')
		case c == 'n' && last() == 'n':
			// nn: one ん.
		case c == 'w' && (next == 'o' || next == 'w' && at(i+2) == 'o'):
			// wo: を (wwo: っを).
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
