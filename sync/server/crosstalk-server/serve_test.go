package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crosstalk/data/serverstore"
	"crosstalk/sync/server"
)

// /metrics answers on its own listener, and nothing else does there.
func TestServeMetrics(t *testing.T) {
	st, err := serverstore.Open(context.Background(), filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms := serveMetrics(ln, server.New(st, server.Options{}), slog.New(slog.DiscardHandler))
	defer ms.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + ln.Addr().String() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := get("/metrics"); status != http.StatusOK || !strings.Contains(body, "crosstalk_pushes_total 0") {
		t.Fatalf("/metrics: %d %.300s", status, body)
	}
	if status, _ := get("/v1/pull"); status != http.StatusNotFound {
		t.Fatalf("the protocol on the metrics listener: %d", status)
	}
}

// A second server on the same file refuses to start while the first
// runs; the first stops cleanly when told to.
func TestServeHoldsTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	cfg, err := parseFlags([]string{"-db", db, "-addr", "127.0.0.1:0", "-metrics-addr", "127.0.0.1:0"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, log) }()
	deadline := time.Now().Add(10 * time.Second)
	// The server takes the lock before it creates the file. (Probing
	// the lock itself would take it for a moment, and a server starting
	// in that moment would rightly refuse to run.)
	for {
		if _, err := os.Stat(db); err == nil {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the first server ended at once: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not open the database")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := run(context.Background(), cfg, log); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second server: %v", err)
	}
	cancel()
	select {
	case err := <-done:
		// Stopped while it was still opening the file (a loaded
		// machine), it says so; either way it lets go of the lock.
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("first server: %v", err)
		}
	case <-time.After(40 * time.Second):
		t.Fatal("the first server did not stop")
	}
	if l, err := lockDB(db); err != nil {
		t.Fatalf("after it stopped: %v", err)
	} else {
		l.Unlock()
	}
}
