package data

import (
	"testing"

	"crosstalk/app"
)

// jsonStrings writes what json.Marshal writes, plain strings or not.
func TestJSONStrings(t *testing.T) {
	for _, ss := range [][]string{
		nil, {}, {"キャリア"}, {"career", "学び直し", "家族と介護"}, {""},
		{`a"b`}, {`a\b`}, {"a<b"}, {"a>b"}, {"a&b"}, {"tab\there"}, {"line\u2028sep"}, {"para\u2029sep"},
		{"bad\xffutf8"}, {"ok", "\x01"}, {"€", "𠮷"},
	} {
		want := jsonText(nonNil(ss))
		if got := jsonStrings(ss); got != want {
			t.Errorf("jsonStrings(%q) = %s, want %s", ss, got, want)
		}
	}
	if got, want := jsonStrings([]app.Mode{app.ModeOnline, app.ModePhone}), jsonText([]app.Mode{app.ModeOnline, app.ModePhone}); got != want {
		t.Errorf("modes: %s, want %s", got, want)
	}
}
