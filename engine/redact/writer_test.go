package redact_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact"
)

func TestWriterCatchesASecretSplitAcrossWrites(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	var out bytes.Buffer
	w := r.Writer(&out)
	for _, part := range []string{"probe failed: s3c", "r3t-to", "ken\nnext line with s3cr3t", "-token"} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if got := out.String(); got != "probe failed: (sensitive)\n" {
		t.Errorf("before Flush: %q", got)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "probe failed: (sensitive)\nnext line with (sensitive)" {
		t.Errorf("after Flush: %q", got)
	}
}

func TestWriterCatchesASecretAcrossAVeryLongLine(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	var out bytes.Buffer
	w := r.Writer(&out)
	long := strings.Repeat("x", 70<<10-3)
	fmt.Fprint(w, long+"s3c")
	fmt.Fprint(w, "r3t-token")
	w.Close()
	if strings.Contains(out.String(), "s3cr3t-token") || !strings.HasSuffix(out.String(), "(sensitive)") {
		t.Errorf("the secret survived a cut: ...%q", out.String()[out.Len()-40:])
	}
}

func TestWriterIsSafeForConcurrentLines(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	var out bytes.Buffer
	w := r.Writer(&out)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				fmt.Fprintf(w, "goroutine %d line %d s3cr3t-token\n", i, j)
			}
		}()
	}
	wg.Wait()
	w.Flush()
	if strings.Contains(out.String(), "s3cr3t") || strings.Count(out.String(), "\n") != 400 {
		t.Errorf("lines lost or unredacted:\n%s", out.String())
	}
}
