package history

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
)

// storedRun writes run i as a run really leaves it: its journal (ended,
// or with a batch injected and never reverted when pendingRevert), its
// record and its history entry.
func storedRun(t *testing.T, st state.Store, i int, pendingRevert bool) {
	t.Helper()
	ctx := context.Background()
	id := runID(i)
	w, err := journal.CreateIn(ctx, st, journal.Start{RunID: id, GameDay: "weekly", Account: "123456789012", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []journal.Type{journal.TypeIntent, journal.TypeInjected, journal.TypeRevertIntent, journal.TypeReverted} {
		r := journal.Record{Type: typ, Scenario: "web", Fault: "web/ec2_kill.web", Kind: "ec2_kill", Batch: 1}
		if typ == journal.TypeReverted {
			if pendingRevert {
				break
			}
			r.Verified = true
		}
		if _, err := w.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End("passed"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	e := entry(i, "h", time.Second)
	rec := &record.Record{Schema: record.Schema, SchemaVersion: record.SchemaVersion, Run: record.Run{ID: id, Status: "passed"}, GameDay: record.GameDay{Name: "weekly"}}
	if _, err := record.Put(ctx, st, rec); err != nil {
		t.Fatal(err)
	}
	put(t, st, e)
}

func TestPruneKeepsNewestAndPendingReverts(t *testing.T) {
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for i := range 6 {
				storedRun(t, st, i, i == 1)
			}
			p, err := Prune(ctx, st, "weekly", 2, func(string, int) bool { return false })
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(p.Removed, " ") != strings.Join([]string{runID(0), runID(2), runID(3)}, " ") {
				t.Errorf("removed %v", p.Removed)
			}
			if len(p.Kept) != 1 || p.Kept[0].Run != runID(1) || !strings.Contains(p.Kept[0].Reason, "gameday recover "+runID(1)) {
				t.Errorf("kept %+v", p.Kept)
			}
			runs, _ := Runs(ctx, st, "weekly")
			if strings.Join(runs, " ") != strings.Join([]string{runID(1), runID(4), runID(5)}, " ") {
				t.Errorf("history after pruning: %v", runs)
			}
			// The pending run is still recoverable; the removed ones are gone
			// whole (journal and record).
			j, err := journal.ReadRunIn(ctx, st, runID(1))
			if err != nil || len(journal.Pending(j.Records)) != 1 {
				t.Errorf("the pending run's journal: %v", err)
			}
			for _, gone := range []string{runID(0), runID(3)} {
				if _, err := journal.ReadRunIn(ctx, st, gone); err == nil {
					t.Errorf("journal of %s still there", gone)
				}
				if _, err := st.Get(ctx, record.Key(gone)); !errors.Is(err, state.ErrNotFound) {
					t.Errorf("record of %s: %v", gone, err)
				}
			}
			left, _ := st.List(ctx, "runs/"+runID(0))
			if len(left) != 0 {
				t.Errorf("objects left of a removed run: %v", left)
			}
			// Pruning again removes nothing more.
			if p, err := Prune(ctx, st, "weekly", 2, func(string, int) bool { return false }); err != nil || len(p.Removed) != 0 {
				t.Errorf("second prune: %+v %v", p, err)
			}
		})
	}
}

// A run whose process still runs is never removed; nor is one whose
// journal cannot be read.
func TestPruneKeepsRunningAndUnreadable(t *testing.T) {
	st := state.NewDir(t.TempDir())
	ctx := context.Background()
	for i := range 3 {
		storedRun(t, st, i, false)
	}
	// Run 0 has no run_end: a process that is alive.
	if err := st.Put(ctx, "runs/"+runID(0)+".jsonl", []byte(`{"seq":1,"type":"run_start","run":"`+runID(0)+`","host":"h","pid":7}`+"\n")); err != nil {
		t.Fatal(err)
	}
	if err := st.Put(ctx, "runs/"+runID(1)+".jsonl", []byte("not json\n{}\n")); err != nil {
		t.Fatal(err)
	}
	p, err := Prune(ctx, st, "weekly", 1, func(string, int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Removed) != 0 || len(p.Kept) != 2 || !strings.Contains(p.Kept[0].Reason, "still running") || !strings.Contains(p.Kept[1].Reason, "could not be read") {
		t.Errorf("%+v", p)
	}
	if _, err := Prune(ctx, st, "weekly", 0, nil); err == nil {
		t.Error("keep 0 accepted")
	}
}
