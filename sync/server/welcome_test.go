package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// The link in every mail leads to the server's address: a browser gets a
// page that tells the person to open the app, not a JSON error; any other
// unknown path still gets one.
func TestWelcomePage(t *testing.T) {
	e := newEnv(t)
	get := func(method, path string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, e.ts.URL+path, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get(http.MethodGet, "/")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
		!strings.Contains(body, "CrossTalk アプリを開いて") || !strings.Contains(body, "open the CrossTalk app") {
		t.Fatalf("GET /: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("no content security policy: %q", resp.Header.Get("Content-Security-Policy"))
	}
	if resp, body := get(http.MethodHead, "/"); resp.StatusCode != http.StatusOK || body != "" {
		t.Errorf("HEAD /: %d %q", resp.StatusCode, body)
	}
	if resp, body := get(http.MethodPost, "/"); resp.StatusCode == http.StatusOK {
		t.Errorf("POST /: %d %q", resp.StatusCode, body)
	}
	if resp, body := get(http.MethodGet, "/nothing-here"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "not_found") {
		t.Errorf("GET /nothing-here: %d %q", resp.StatusCode, body)
	}
}
