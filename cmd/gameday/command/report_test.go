package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// storedRun puts the fixture's record in a fresh state directory.
func storedRun(t *testing.T) string {
	t.Helper()
	rec, err := recordtest.Record()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := record.Put(context.Background(), state.NewDir(dir), rec); err != nil {
		t.Fatal(err)
	}
	return dir
}

func reportVerb(tio *testIO) []*cli.Command { return []*cli.Command{NewCmdReport(tio.f, nil)} }

func TestReportPrintsTheConsoleSummaryByDefault(t *testing.T) {
	dir := storedRun(t)
	tio := newTestIO()
	if code := tio.run(t, reportVerb(tio), "report", "--state", dir, "latest"); code != engine.ExitOK {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	mustContain(t, "stdout", tio.out.String(), "game day checkout-resilience — run "+recordtest.RunID, "NOT REVERTED", "19s (±1s)")
}

func TestReportPrintsOneFormat(t *testing.T) {
	dir := storedRun(t)
	tio := newTestIO()
	if code := tio.run(t, reportVerb(tio), "report", "--state", dir, "--format", "junit", recordtest.RunID[:10]); code != engine.ExitOK {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	mustContain(t, "stdout", tio.out.String(), `<?xml version="1.0"`, `<testcase name="az-blackout"`)
}

func TestReportWritesFormatsIntoADir(t *testing.T) {
	dir := storedRun(t)
	out := filepath.Join(t.TempDir(), "out")
	tio := newTestIO()
	if code := tio.run(t, reportVerb(tio), "report", "--state", dir, "--format", "html", "--format", "markdown", "--report-dir", out, recordtest.RunID); code != engine.ExitOK {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	for _, name := range []string{recordtest.RunID + ".html", recordtest.RunID + ".md"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
		mustContain(t, "stdout", tio.out.String(), filepath.Join(out, name))
	}
	if _, err := os.Stat(filepath.Join(out, recordtest.RunID+".json")); !os.IsNotExist(err) {
		t.Errorf("a format not asked for was written: %v", err)
	}
}

func TestReportRefusals(t *testing.T) {
	dir := storedRun(t)
	for name, args := range map[string][]string{
		"no run":             {"report", "--state", dir},
		"unknown format":     {"report", "--state", dir, "--format", "pdf", "latest"},
		"two formats stdout": {"report", "--state", dir, "--format", "json", "--format", "html", "latest"},
		"missing run":        {"report", "--state", dir, "19990101"},
		"empty state":        {"report", "--state", t.TempDir(), "latest"},
	} {
		tio := newTestIO()
		if code := tio.run(t, reportVerb(tio), args...); code != engine.ExitInvalid {
			t.Errorf("%s: exit %d, want %d (stderr %s)", name, code, engine.ExitInvalid, tio.err)
		}
		if strings.TrimSpace(tio.err.String()) == "" {
			t.Errorf("%s: nothing said on stderr", name)
		}
	}
}
