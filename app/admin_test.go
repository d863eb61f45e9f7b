package app

import (
	"strings"
	"testing"
)

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"taro.yamada@example.co.jp": true, "a+b@example.com": true, "x_y@mail.example.jp": true,
		"": false, "taro": false, "taro@": false, "@example.com": false, "taro@localhost": false,
		"taro@@example.com": false, "taro yamada@example.com": false, "山田 <taro@example.com>": false,
		"<taro@example.com>": false, "taro@example.com (会社)": false, "taro@example..com": false,
		"taro@.example.com": false, "taro@example.com.": false, "taro@example.com,hanako@example.com": false,
		"ｔａｒｏ@example.com":                 false, // full width: the roster narrows it first
		strings.Repeat("a", 250) + "@x.jp": false,
	} {
		if got := ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}
