package probes

import (
	"strings"
	"testing"
	"time"
)

func TestExec(t *testing.T) {
	mk := func(argv ...string) *execProbe {
		p, err := New(KindExec, ExecSpec{Command: argv}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p.(*execProbe)
	}
	r := check(t, mk("sh", "-c", "exit 0"), 5*time.Second)
	wantOutcome(t, r, "pass")
	if r.Observed != "exit 0" {
		t.Errorf("observed %q", r.Observed)
	}

	r = check(t, mk("sh", "-c", "echo replica lagging >&2; exit 3"), 5*time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "exit 3" || !strings.Contains(r.Detail, "replica lagging") {
		t.Errorf("observed %q detail %q", r.Observed, r.Detail)
	}

	// The grandchild sleep must die with the shell, or the check would wait
	// for it.
	start := time.Now()
	r = check(t, mk("sh", "-c", "sleep 5; echo done"), 100*time.Millisecond)
	wantOutcome(t, r, "fail")
	if r.Observed != "timeout" || time.Since(start) > 2*time.Second {
		t.Errorf("observed %q after %s, want a timeout after about 100ms", r.Observed, time.Since(start))
	}

	r = check(t, mk("/nonexistent/gameday-probe-cmd"), 5*time.Second)
	wantOutcome(t, r, "inconclusive")

	r = check(t, mk("sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x; exit 1"), 5*time.Second)
	wantOutcome(t, r, "fail")
	if len(r.Detail) > maxDetail || !strings.HasSuffix(r.Detail, "(truncated)") {
		t.Errorf("detail of %d bytes, want at most %d and marked truncated", len(r.Detail), maxDetail)
	}

	if _, err := New(KindExec, ExecSpec{}, nil); err == nil {
		t.Error("an empty command was accepted")
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("short", 10); got != "short" {
		t.Errorf("%q", got)
	}
	got := truncate(strings.Repeat("é", 100), 40)
	if len(got) > 40 || !strings.HasSuffix(got, "…(truncated)") || !strings.HasPrefix(got, "é") {
		t.Errorf("%q (%d bytes)", got, len(got))
	}
}
