package client_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// Drafts never leave the device (issue 15): a sync that pushes the
// person's mutations and pulls their data sends nothing of the drafts
// kept in the replica, the server holds none of them, and they are still
// there on the device afterwards.
func TestDraftsStayOnTheDevice(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var mu sync.Mutex
	var sent []string // every request's body, as the server reads it
	e.setFail(func(w http.ResponseWriter, r *http.Request) bool {
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		r.Body = io.NopCloser(bytes.NewReader(raw))
		body := raw
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		mu.Lock()
		sent = append(sent, r.URL.Path+" "+string(body))
		mu.Unlock()
		return false
	})
	a := e.connect(demo.DemoUser, options(t))
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}
	to := recipient(t, a)
	const secret = "下書きの秘密-7f3a"
	for key, value := range map[string]string{
		"offer:" + to: `{"message":"` + secret + `"}`,
		"profile":     `{"base":{},"form":{"intro":"` + secret + `"}}`,
	} {
		if err := a.r.SaveDraft(ctx, key, []byte(value)); err != nil {
			t.Fatal(err)
		}
	}
	_, args := e.offerArgs(to)
	if _, err := a.c.Mutate(ctx, app.OfferSend, args); err != nil {
		t.Fatal(err)
	}
	if err := a.c.SyncNow(ctx); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	pushed := false
	for _, s := range sent {
		pushed = pushed || strings.Contains(s, "はじめまして。キャリアについて")
		if strings.Contains(s, secret) {
			t.Errorf("a request carried a draft: %.200s", s)
		}
	}
	mu.Unlock()
	if !pushed {
		t.Fatal("the offer was not pushed: the requests are not what this test reads")
	}
	dump, err := e.store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(dump, secret) || !strings.Contains(dump, "== drafts\n== ") {
		t.Error("the server holds a draft")
	}
	if v, err := a.r.Draft(ctx, "offer:"+to); err != nil || !strings.Contains(string(v), secret) {
		t.Errorf("the draft is gone from the device: %q, %v", v, err)
	}
}
