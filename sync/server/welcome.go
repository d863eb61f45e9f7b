package server

import (
	_ "embed"
	"net/http"
)

// welcomePage is what a browser shows at the server's address: the link
// in every mail leads there (-public-url is usually the server's own
// address). It tells the person, in Japanese and English, to open the
// app; it names no one and needs no sign-in.
//
//go:embed welcome.html
var welcomePage []byte

// welcome answers GET / with welcomePage.
func welcome(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=3600")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(welcomePage)
	}
}
