package instance

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func shown(t *testing.T) (func(), <-chan struct{}) {
	ch := make(chan struct{}, 10)
	return func() { ch <- struct{}{} }, ch
}

func waitShown(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatal("the first instance was not asked to show its window")
	}
}

// A second launch finds the first, asks it to show its window, and is
// told to exit; once the first has quit, the next launch is the first.
func TestSecondLaunchShowsTheFirst(t *testing.T) {
	dir := t.TempDir()
	onShow, ch := shown(t)
	first, err := Acquire(dir, onShow, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		second, err := Acquire(dir, func() { t.Error("the second instance was shown") }, Options{Wait: time.Second})
		if !errors.Is(err, ErrRunning) || err != ErrRunning {
			t.Fatalf("launch %d: got %v, %v; want exactly ErrRunning (signal delivered)", i+2, second, err)
		}
		waitShown(t, ch)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	next, err := Acquire(dir, nil, Options{})
	if err != nil {
		t.Fatalf("after the first quit: %v", err)
	}
	next.Close()
	var none *Instance
	if err := none.Close(); err != nil {
		t.Fatal(err)
	}
}

// Only a caller that read the key from the user's own folder is heard.
func TestSignalWithoutTheKeyIsIgnored(t *testing.T) {
	dir := t.TempDir()
	onShow, ch := shown(t)
	first, err := Acquire(dir, onShow, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	c, err := net.Dial("tcp", first.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(c, "0000 show")
	reply, _ := bufio.NewReader(c).ReadString('\n')
	c.Close()
	if strings.TrimSpace(reply) != "denied" {
		t.Fatalf("reply %q, want denied", reply)
	}
	select {
	case <-ch:
		t.Fatal("shown on a signal without the key")
	case <-time.After(200 * time.Millisecond):
	}
	st, err := os.Stat(filepath.Join(dir, AddrFile))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Fatalf("%s is readable by others: %v", AddrFile, perm)
	}
}

// A lock held but nobody answering (the first still starting, or hung):
// the second launch still exits, with an error saying so.
func TestHolderThatDoesNotAnswer(t *testing.T) {
	dir := t.TempDir()
	first, err := Acquire(dir, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	os.WriteFile(filepath.Join(dir, AddrFile), []byte(`{"addr":"127.0.0.1:1","key":"x"}`), 0o600)
	start := time.Now()
	_, err = Acquire(dir, nil, Options{Wait: 300 * time.Millisecond})
	if !errors.Is(err, ErrRunning) || err == ErrRunning {
		t.Fatalf("got %v, want ErrRunning with the reason it was not reached", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Fatalf("waited %v", time.Since(start))
	}
}

// The helper process of TestAcrossProcesses: it becomes the instance,
// says so, and exits after being asked to show itself.
func TestHelperInstance(t *testing.T) {
	dir := os.Getenv("INSTANCE_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	done := make(chan struct{})
	in, err := Acquire(dir, func() { close(done) }, Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	select {
	case <-done:
		fmt.Println("shown")
	case <-time.After(30 * time.Second):
	}
	in.Close()
	os.Exit(0)
}

func startHelper(t *testing.T, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperInstance$")
	cmd.Env = append(os.Environ(), "INSTANCE_HELPER_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("helper: %q %v", sc.Text(), sc.Err())
	}
	return cmd, sc
}

// Two processes, as two double-clicks make: the second signals the first
// and exits; and a first that crashed leaves no lock behind.
func TestAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	_, sc := startHelper(t, dir)
	if _, err := Acquire(dir, nil, Options{}); err != ErrRunning {
		t.Fatalf("got %v, want ErrRunning", err)
	}
	if !sc.Scan() || sc.Text() != "shown" {
		t.Fatalf("the first process said %q", sc.Text())
	}

	cmd, _ := startHelper(t, dir)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	in, err := Acquire(dir, nil, Options{Wait: time.Second})
	if err != nil {
		t.Fatalf("after the first crashed: %v", err)
	}
	in.Close()
}
