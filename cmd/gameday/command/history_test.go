package command

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
)

func TestHistoryFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "pdf", "weekly"}, `unknown --format "pdf"`},
		{[]string{"--last", "-1", "weekly"}, "--last -1"},
		{[]string{"--since", "last week", "weekly"}, "not a date such as 2026-03-01"},
		{[]string{"--prune", "weekly"}, "--prune needs --keep N"},
		{[]string{"--keep", "3", "weekly"}, "--keep only goes with --prune"},
		{[]string{"--prune", "--keep", "0", "weekly"}, "keep at least 1 run"},
		{[]string{"--prune", "--keep", "1", "--reindex"}, "separate steps"},
		{[]string{"a", "b"}, "at most one game-day NAME"},
		{[]string{"weekly", "--last", "3"}, "flags go before NAME"},
	} {
		tio := newTestIO()
		called := false
		code := tio.run(t, []*cli.Command{NewCmdHistory(tio.f, func(context.Context, *HistoryOptions) error { called = true; return nil })},
			append([]string{"history"}, tc.args...)...)
		if code != engine.ExitInvalid || called || !strings.Contains(tio.err.String(), tc.want) {
			t.Errorf("%v: exit %d, called %v, stderr %q; want exit 3 and %q", tc.args, code, called, tio.err.String(), tc.want)
		}
	}
	tio := newTestIO()
	var got *HistoryOptions
	code := tio.run(t, []*cli.Command{NewCmdHistory(tio.f, func(_ context.Context, o *HistoryOptions) error { got = o; return nil })},
		"history", "--since", "2026-03-01", "--last", "0", "--format", "markdown", "weekly")
	if code != engine.ExitOK || got.GameDay != "weekly" || got.Last != 0 || !got.Since.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) || got.Format != "markdown" {
		t.Errorf("exit %d, options %+v", code, got)
	}
}

// stored writes n runs of "weekly" into a state directory, one a week,
// the RTO growing by a second each time; run 0 left a change in effect.
func stored(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	st := state.NewDir(dir)
	ctx := context.Background()
	var ids []string
	for i := range n {
		start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * 24 * time.Hour)
		id := fmt.Sprintf("%s-%04x", start.Format("20060102T150405Z"), i)
		ids = append(ids, id)
		w, err := journal.CreateIn(ctx, st, journal.Start{RunID: id, GameDay: "weekly"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := w.Append(journal.Record{Type: journal.TypeIntent, Fault: "fleet/ec2_kill.web", Kind: "ec2_kill", Batch: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.End("passed"); err != nil {
			t.Fatal(err)
		}
		w.Close()
		rto := record.FigureOf(measure.Duration{Status: measure.Measured, Value: time.Duration(10+i) * time.Second, Resolution: 250 * time.Millisecond})
		e := &history.Entry{Schema: history.EntrySchema, SchemaVersion: history.EntryVersion, Run: id, GameDay: "weekly",
			Started: record.At(start), Finished: record.At(start.Add(time.Minute)), Status: "passed", Outcome: measure.OutcomeMet,
			RecordVersion: record.SchemaVersion, Scenarios: []history.Scenario{{Name: "fleet", Hash: "0123456789abcdef", Outcome: measure.OutcomeMet, RTO: &rto}}}
		if err := history.Put(ctx, st, e); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ids
}

func TestHistoryListsAndPrunes(t *testing.T) {
	dir, ids := stored(t, 6)
	run := func(args ...string) (int, *testIO) {
		tio := newTestIO()
		return tio.run(t, []*cli.Command{NewCmdHistory(tio.f, nil)}, append([]string{"history", "--state", dir}, args...)...), tio
	}
	code, tio := run("--last", "2", "weekly")
	out := tio.out.String()
	if code != engine.ExitOK || !strings.Contains(out, "6 run(s) stored, newest 2 shown") || !strings.Contains(out, ids[5]) || strings.Contains(out, ids[3]) {
		t.Fatalf("exit %d\n%s%s", code, out, tio.err.String())
	}
	if _, tio = run("--since", "2026-02-01", "weekly"); !strings.Contains(tio.out.String(), ids[4]) || strings.Contains(tio.out.String(), ids[3]) {
		t.Errorf("--since:\n%s", tio.out.String())
	}
	if _, tio = run(); !strings.Contains(tio.out.String(), "weekly    6") {
		t.Errorf("overview:\n%s", tio.out.String())
	}
	if code, tio = run("nobody"); code != engine.ExitOK || !strings.Contains(tio.err.String(), `game day "nobody" has no runs`) {
		t.Errorf("unknown game day: exit %d %s", code, tio.err.String())
	}

	// Pruning to 2 keeps the newest two and the run with a change still
	// in effect.
	code, tio = run("--prune", "--keep", "2", "weekly")
	if code != engine.ExitOK || !strings.Contains(tio.out.String(), "removed 3 run(s)") || !strings.Contains(tio.out.String(), "kept "+ids[0]+": 1 change(s) may still be in effect") {
		t.Fatalf("prune: exit %d\n%s%s", code, tio.out.String(), tio.err.String())
	}
	runs, err := history.Runs(context.Background(), state.NewDir(dir), "weekly")
	if err != nil || strings.Join(runs, ",") != strings.Join([]string{ids[0], ids[4], ids[5]}, ",") {
		t.Errorf("left %v %v", runs, err)
	}
	if _, err := journal.ReadRun(dir, ids[0]); err != nil {
		t.Errorf("the pending run's journal is gone: %v", err)
	}
}

// After a run is stored, its entry is written and the game day's
// retention applied: older runs go, the one with a change in effect stays.
func TestIndexRunAppliesRetention(t *testing.T) {
	dir, ids := stored(t, 4)
	st := state.NewDir(dir)
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("weekly.hcl", []byte(`gameday "weekly" {
  scenario "fleet" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
  retention {
    keep = 2
  }
}`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	rec := &record.Record{Schema: record.Schema, SchemaVersion: record.SchemaVersion,
		Run:     record.Run{ID: "20260301T090000Z-ffff", Status: "passed", Started: record.At(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))},
		GameDay: record.GameDay{Name: "weekly"}, Verdict: record.Verdict{Outcome: measure.OutcomeObserved}}
	var errOut strings.Builder
	indexRun(context.Background(), &errOut, st, gd, rec)
	runs, err := history.Runs(context.Background(), st, "weekly")
	if err != nil || strings.Join(runs, ",") != strings.Join([]string{ids[0], ids[3], rec.Run.ID}, ",") {
		t.Errorf("runs after retention: %v %v", runs, err)
	}
	if !strings.Contains(errOut.String(), "retention: kept run "+ids[0]+": 1 change(s) may still be in effect") {
		t.Errorf("stderr: %q", errOut.String())
	}
}
