package ui

import "testing"

// An address without a scheme is completed with https://, or with
// http:// for this computer only; one with a scheme is left as typed.
func TestCompleteServer(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"crosstalk.example.jp", "https://crosstalk.example.jp"},
		{"  crosstalk.example.jp/  ", "https://crosstalk.example.jp/"},
		{"crosstalk.example.jp:8443", "https://crosstalk.example.jp:8443"},
		{"192.168.1.10:8080", "https://192.168.1.10:8080"},
		{"localhost", "http://localhost"},
		{"LocalHost:8080", "http://LocalHost:8080"},
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"127.1.2.3", "http://127.1.2.3"},
		{"[::1]:8080", "http://[::1]:8080"},
		{"::1", "http://[::1]"},
		{"2001:db8::1", "https://[2001:db8::1]"},
		{"localhost.example.jp", "https://localhost.example.jp"},
		{"128.0.0.1", "https://128.0.0.1"},
		{"http://crosstalk.example.jp", "http://crosstalk.example.jp"},
		{"https://localhost:8443", "https://localhost:8443"},
		{"", ""},
	} {
		if got := completeServer(c.in); got != c.want {
			t.Errorf("completeServer(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
