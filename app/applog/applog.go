// Package applog is the desktop app's log: text records in a rotating file
// in the data folder (logs/crosstalk.log, a few MB each, the last few
// kept), also on standard error when it is a terminal, and the last
// warnings and errors kept in memory for "copy diagnostic info".
package applog

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	gosync "sync"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"
)

// Options size the log; the zero value suits the app.
type Options struct {
	MaxSizeMB  int // rotate past this size; default 5
	MaxBackups int // rotated files kept; default 5
	MaxAgeDays int // and none older; default 30
	Level      slog.Level
	// Stderr also writes to standard error, if it is a terminal. A
	// Windows GUI program has none.
	Stderr bool
	// Recent is how many warnings and errors Recent keeps; default 10.
	Recent int
}

// Log is the app's logger and what it keeps.
type Log struct {
	*slog.Logger
	file   *lumberjack.Logger
	recent *ring
}

// Path is where the log file is in the data folder.
func Path(dir string) string { return filepath.Join(dir, "logs", "crosstalk.log") }

// Open starts logging into dir's log file.
func Open(dir string, opts Options) (*Log, error) {
	if opts.MaxSizeMB <= 0 {
		opts.MaxSizeMB = 5
	}
	if opts.MaxBackups <= 0 {
		opts.MaxBackups = 5
	}
	if opts.MaxAgeDays <= 0 {
		opts.MaxAgeDays = 30
	}
	if opts.Recent <= 0 {
		opts.Recent = 10
	}
	if err := os.MkdirAll(filepath.Dir(Path(dir)), 0o700); err != nil {
		return nil, fmt.Errorf("log: %w", err)
	}
	f := &lumberjack.Logger{
		Filename:   Path(dir),
		MaxSize:    opts.MaxSizeMB,
		MaxBackups: opts.MaxBackups,
		MaxAge:     opts.MaxAgeDays,
		LocalTime:  true,
	}
	var w io.Writer = f
	if opts.Stderr && isTerminal(os.Stderr) {
		w = io.MultiWriter(f, os.Stderr)
	}
	r := &ring{max: opts.Recent}
	h := &keeper{Handler: slog.NewTextHandler(w, &slog.HandlerOptions{Level: opts.Level}), ring: r}
	return &Log{Logger: slog.New(h), file: f, recent: r}, nil
}

// Recent returns the last warnings and errors, oldest first, one line
// each: time, level, message and the error attribute ("err" or "error")
// only; other attributes, which may name people, are left out.
func (l *Log) Recent() []string { return l.recent.lines() }

// Rotate starts a new file now.
func (l *Log) Rotate() error { return l.file.Rotate() }

// Close closes the file.
func (l *Log) Close() error { return l.file.Close() }

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// keeper passes records on and remembers the warnings and errors.
type keeper struct {
	slog.Handler
	ring  *ring
	attrs []slog.Attr // from WithAttrs, searched for an error too
}

func (k *keeper) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		var errText string
		find := func(a slog.Attr) bool {
			if a.Key == "err" || a.Key == "error" {
				errText = a.Value.String()
				return false
			}
			return true
		}
		for _, a := range k.attrs {
			find(a)
		}
		r.Attrs(find)
		line := r.Time.Format(time.RFC3339) + " " + r.Level.String() + " " + r.Message
		if errText != "" {
			line += ": " + errText
		}
		k.ring.add(strings.ReplaceAll(line, "\n", " "))
	}
	return k.Handler.Handle(ctx, r)
}

func (k *keeper) WithAttrs(as []slog.Attr) slog.Handler {
	return &keeper{Handler: k.Handler.WithAttrs(as), ring: k.ring, attrs: append(append([]slog.Attr(nil), k.attrs...), as...)}
}

func (k *keeper) WithGroup(name string) slog.Handler {
	return &keeper{Handler: k.Handler.WithGroup(name), ring: k.ring, attrs: k.attrs}
}

// ring keeps the last max lines.
type ring struct {
	mu  gosync.Mutex
	max int
	buf []string
}

func (r *ring) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf = append(r.buf, s)
	if len(r.buf) > r.max {
		r.buf = r.buf[len(r.buf)-r.max:]
	}
}

func (r *ring) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.buf...)
}

// Report is what "copy diagnostic info" copies for support: versions,
// system, sync state and the last errors. It holds nothing personal: no
// names, no tokens, no device ID, and paths under the home folder are
// written from "~".
type Report struct {
	Version       string
	Build         int
	OS, Arch, Go  string
	Schema        int
	Server        string // the consortium's address, the same for a whole company
	Demo          bool
	Online        bool
	Pending       int
	LastSync      time.Time
	LastSyncError string
	Refused       []string // the codes of changes the server refused, not yet seen
	LogFile       string
	Home          string   // replaced by ~ wherever it appears
	Errors        []string // Log.Recent
}

// String is the report as text, one fact a line.
func (r Report) String() string {
	var b strings.Builder
	version := r.Version
	if version == "" {
		version = "development build"
	}
	fmt.Fprintf(&b, "CrossTalk %s (build %d)\n", version, r.Build)
	fmt.Fprintf(&b, "OS: %s/%s, Go %s\n", r.OS, r.Arch, r.Go)
	fmt.Fprintf(&b, "Schema: %d\n", r.Schema)
	server := r.Server
	if r.Demo {
		server = "demo (in-process)"
	}
	fmt.Fprintf(&b, "Server: %s\n", orNone(server))
	fmt.Fprintf(&b, "Online: %v\nPending changes: %d\n", r.Online, r.Pending)
	last := "never"
	if !r.LastSync.IsZero() {
		last = r.LastSync.Format(time.RFC3339)
	}
	fmt.Fprintf(&b, "Last sync: %s\nLast sync error: %s\n", last, orNone(r.LastSyncError))
	fmt.Fprintf(&b, "Refused changes: %s\n", orNone(strings.Join(r.Refused, ", ")))
	fmt.Fprintf(&b, "Log file: %s\n", r.LogFile)
	fmt.Fprintf(&b, "Last errors (%d):\n", len(r.Errors))
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	out := b.String()
	if r.Home != "" && len(r.Home) > 1 {
		out = strings.ReplaceAll(out, r.Home, "~")
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
