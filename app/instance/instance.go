// Package instance keeps the desktop app to one running copy per user: the
// first launch holds a lock file in the data folder and listens on a
// loopback port; a second launch finds the lock taken, asks the first to
// bring its window forward, and exits, so that the same database is never
// opened twice.
//
// The lock is an OS file lock (flock on Unix, LockFileEx on Windows), so it
// goes with the process: a crashed instance leaves no stale lock behind.
// The port and a random key are in a file beside the lock, readable by the
// user only; a signal without the key is ignored.
package instance

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// File names in the data folder.
const (
	LockFile = "crosstalk.lock"
	AddrFile = "crosstalk.instance.json"
)

// ErrRunning is returned by Acquire when another instance holds the lock.
// When it wraps no other error, that instance was asked to show itself.
var ErrRunning = errors.New("another instance of the app is running")

// showCommand is the one request an instance answers.
const showCommand = "show"

// Instance is the lock of the running instance and its listener.
type Instance struct {
	lock   *flock.Flock
	ln     net.Listener
	key    string
	onShow func()
	wg     sync.WaitGroup
	once   sync.Once
}

// addr is what AddrFile holds.
type addr struct {
	Addr string `json:"addr"`
	Key  string `json:"key"`
	PID  int    `json:"pid"`
}

// Options tune Acquire; the zero value suits the app.
type Options struct {
	// Wait is how long a second launch keeps trying to reach the first,
	// which may still be starting (lock taken, not yet listening).
	// Default 5 seconds.
	Wait time.Duration
}

// Acquire makes this process the running instance for dir, calling onShow
// (on a goroutine of its own) each time a later launch asks for the
// window. If another process holds dir's lock, Acquire asks it to show
// its window and returns an error wrapping ErrRunning; the caller should
// then exit. Close releases the lock.
func Acquire(dir string, onShow func(), opts Options) (*Instance, error) {
	if opts.Wait <= 0 {
		opts.Wait = 5 * time.Second
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("instance: %w", err)
	}
	lock := flock.New(filepath.Join(dir, LockFile))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("instance: lock %s: %w", lock.Path(), err)
	}
	if !ok {
		return nil, signal(dir, opts.Wait)
	}
	in := &Instance{lock: lock, onShow: onShow}
	if err := in.listen(dir); err != nil {
		lock.Unlock()
		return nil, err
	}
	in.wg.Add(1)
	go in.serve()
	return in, nil
}

func (in *Instance) listen(dir string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("instance: listen: %w", err)
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		ln.Close()
		return err
	}
	in.ln, in.key = ln, hex.EncodeToString(b)
	js, _ := json.Marshal(addr{Addr: ln.Addr().String(), Key: in.key, PID: os.Getpid()})
	// Written beside and renamed over, so a second launch never reads
	// half a file.
	tmp := filepath.Join(dir, AddrFile+".tmp")
	if err := os.WriteFile(tmp, js, 0o600); err == nil {
		err = os.Rename(tmp, filepath.Join(dir, AddrFile))
	}
	if err != nil {
		ln.Close()
		return fmt.Errorf("instance: %w", err)
	}
	return nil
}

func (in *Instance) serve() {
	defer in.wg.Done()
	for {
		c, err := in.ln.Accept()
		if err != nil {
			return // closed
		}
		in.wg.Add(1)
		go func() {
			defer in.wg.Done()
			in.answer(c)
		}()
	}
}

// answer reads one line, "<key> show", and answers "ok" when the key is
// right.
func (in *Instance) answer(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return
	}
	key, cmd, _ := strings.Cut(strings.TrimSpace(line), " ")
	if key != in.key || cmd != showCommand {
		fmt.Fprintln(c, "denied")
		return
	}
	fmt.Fprintln(c, "ok")
	if in.onShow != nil {
		in.onShow()
	}
}

// Close stops listening and releases the lock. It may be called twice,
// and on a nil *Instance.
func (in *Instance) Close() error {
	if in == nil {
		return nil
	}
	var err error
	in.once.Do(func() {
		in.ln.Close()
		in.wg.Wait()
		err = in.lock.Unlock()
	})
	return err
}

// signal asks the instance holding dir's lock to show itself, trying for
// up to wait while it starts.
func signal(dir string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	var last error
	for {
		last = trySignal(dir)
		if last == nil {
			return ErrRunning
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w, but did not answer: %v", ErrRunning, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func trySignal(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, AddrFile))
	if err != nil {
		return err
	}
	var a addr
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(a.Addr)
	if err != nil || host != "127.0.0.1" {
		return fmt.Errorf("bad address %q in %s", a.Addr, AddrFile)
	}
	c, err := net.DialTimeout("tcp", a.Addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := fmt.Fprintf(c, "%s %s\n", a.Key, showCommand); err != nil {
		return err
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if strings.TrimSpace(reply) != "ok" {
		return fmt.Errorf("answered %q", strings.TrimSpace(reply))
	}
	return nil
}
