package wire

import (
	"slices"
	"testing"
)

func TestNormalizeInviteCode(t *testing.T) {
	for _, in := range []string{"K7QX-M2PA-WD9R", "k7qx m2pa wd9r", "ｋ７ｑｘ－ｍ２ｐａ－ｗｄ９ｒ", "K7QXーM2PA‐WD9R", " K7QX\tM2PA\nWD9R "} {
		if got := NormalizeInviteCode(in); got != "K7QXM2PAWD9R" {
			t.Errorf("NormalizeInviteCode(%q) = %q", in, got)
		}
	}
}

func TestInviteCodeShape(t *testing.T) {
	for _, c := range []struct {
		in      string
		length  int
		foreign []rune
	}{
		{"K7QX-M2PA-WD9R", 0, nil},
		{"ｋ７ｑｘ－ｍ２ｐａ－ｗｄ９ｒ", 0, nil},
		{"K7QX-M2PA-WD9", 11, nil},
		{"K7QX-M2PA-WD9RR", 13, nil},
		{"K7QX-M2PA-WD0O", 0, []rune{'0', 'O'}},
		{"K1QX-M2PA-WD9I", 0, []rune{'1', 'I'}},
		{"あいう", 3, []rune{'あ', 'い', 'う'}},
		{"K7QX-M2PA-W.9.", 0, []rune{'.'}},
	} {
		length, foreign := InviteCodeShape(c.in)
		if length != c.length || !slices.Equal(foreign, c.foreign) {
			t.Errorf("InviteCodeShape(%q) = %d, %q; want %d, %q", c.in, length, string(foreign), c.length, string(c.foreign))
		}
	}
}
