//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadOnlyVerbsStopOnSignals sends SIGINT and SIGTERM to `gameday fmt
// -` waiting on a standard input that never ends: it must exit at once
// with 130 or 143, and say nothing about reverting (it injects nothing).
func TestReadOnlyVerbsStopOnSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			// A signal that lands before gameday installs its handler
			// kills the process the default way: try again, later.
			for _, delay := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, time.Second, 3 * time.Second} {
				code, out := signalFmt(t, tc.sig, delay)
				if code < 0 {
					continue
				}
				if code != tc.code {
					t.Fatalf("exit status %d, want %d; output:\n%s", code, tc.code, out)
				}
				if strings.Contains(out, "reverting") || !strings.Contains(out, "stopping") {
					t.Errorf("a verb that injects nothing must stop without talk of reverting:\n%s", out)
				}
				return
			}
			t.Fatal("the process never handled the signal")
		})
	}
}

// signalFmt starts `gameday fmt -` on a standard input that stays open,
// sends sig after delay and returns the exit status (-1 when the signal
// killed it) and the output.
func signalFmt(t *testing.T, sig syscall.Signal, delay time.Duration) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	child := gamedayCmd(ctx, "fmt", "-")
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var out bytes.Buffer
	child.Stdout, child.Stderr = &out, &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	if err := child.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err = child.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("fmt - ended with %v; output:\n%s", err, out.String())
	}
	if st, ok := ee.Sys().(syscall.WaitStatus); ok && st.Signaled() {
		return -1, out.String()
	}
	return ee.ExitCode(), out.String()
}
