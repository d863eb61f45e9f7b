package codec

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// JSON is v as JSON text. Only slices and maps of plain values reach it:
// any other value panics.
func JSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("data: encode %T: %v", v, err))
	}
	return string(b)
}

// JSONStrings is JSON of ss, written directly when no string needs
// escaping (themes and modes never do).
func JSONStrings[S ~string](ss []S) string {
	n := 2
	for _, s := range ss {
		if !plainJSON(string(s)) {
			return JSON(ss)
		}
		n += len(s) + 3
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(string(s))
		b.WriteByte('"')
	}
	b.WriteByte(']')
	return b.String()
}

// plainJSON reports whether json.Marshal writes s as it is, in quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9): // U+2028, U+2029
			return false
		}
	}
	return utf8.ValidString(s)
}

// FromJSON decodes the JSON text s, a column holding what.
func FromJSON[T any](s string, what string) (T, error) {
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return v, fmt.Errorf("decode %s: %w", what, err)
	}
	return v, nil
}

// NonNil is s, or an empty slice for nil: its JSON is [] rather than null.
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
