package jtext

import (
	"slices"
	"testing"
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
