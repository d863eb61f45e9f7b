package server

import "net/http"

// HSTSValue is the Strict-Transport-Security header HSTS sets: a year, for
// this host only. Not includeSubDomains: the server is one host of the
// organisation's domain, and a header from it must not bind the other
// hosts under its name to HTTPS (nor is the domain ever preloaded).
const HSTSValue = "max-age=31536000"

// HSTS sets Strict-Transport-Security on every answer of h, for a server
// that serves TLS itself. Behind a TLS proxy the proxy sets it: a server
// speaking plain HTTP to the proxy must not (browsers ignore it over HTTP
// anyway, and the proxy decides the site's policy).
func HSTS(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", HSTSValue)
		h.ServeHTTP(w, r)
	})
}
