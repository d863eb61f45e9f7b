package codec

import (
	"testing"

	"crosstalk/app"
)

// JSONStrings writes what json.Marshal writes, plain strings or not.
func TestJSONStrings(t *testing.T) {
	for _, ss := range [][]string{
		nil, {}, {"キャリア"}, {"career", "学び直し", "家族と介護"}, {""},
		{`a"b`}, {`a\b`}, {"a<b"}, {"a>b"}, {"a&b"}, {"tab\there"}, {"line\u2028sep"}, {"para\u2029sep"},
		{"bad\xffutf8"}, {"ok", "\x01"}, {"€", "𠮷"},
	} {
		want := JSON(NonNil(ss))
		if got := JSONStrings(ss); got != want {
			t.Errorf("JSONStrings(%q) = %s, want %s", ss, got, want)
		}
	}
	if got, want := JSONStrings([]app.Mode{app.ModeOnline, app.ModePhone}), JSON([]app.Mode{app.ModeOnline, app.ModePhone}); got != want {
		t.Errorf("modes: %s, want %s", got, want)
	}
}
