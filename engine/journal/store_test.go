package journal

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// forStores runs f over a local directory store and an S3 store on the
// in-memory S3.
func forStores(t *testing.T, f func(t *testing.T, st state.Store)) {
	t.Run("dir", func(t *testing.T) { f(t, state.NewDir(filepath.Join(t.TempDir(), "state"))) })
	t.Run("s3", func(t *testing.T) { f(t, state.NewS3(statetest.NewS3(), "bucket", "gd")) })
}

func newJournalIn(t *testing.T, st state.Store, id string) *Writer {
	t.Helper()
	w, err := CreateIn(context.Background(), st, Start{RunID: id, GameDay: "staging", Account: "123456789012", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func TestStoreRoundTripAndRefusal(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		w := newJournalIn(t, st, "r1")
		inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
		j, err := ReadRunIn(ctx, st, "r1")
		if err != nil {
			t.Fatal(err)
		}
		if j.Torn || len(j.Records) != 3 || j.Records[0].Type != TypeRunStart || j.Records[2].Type != TypeInjected {
			t.Fatalf("read back %+v", j)
		}
		for i, r := range j.Records {
			if r.Seq != int64(i+1) || r.Run != "r1" {
				t.Errorf("record %d: seq %d run %s", i, r.Seq, r.Run)
			}
		}
		if j.Path != w.Path() {
			t.Errorf("journal path %s, writer path %s", j.Path, w.Path())
		}
		if _, err := CreateIn(ctx, st, Start{RunID: "r1"}); err == nil {
			t.Error("CreateIn overwrote an existing journal")
		}
		if _, err := ReadRunIn(ctx, st, "nope"); err == nil {
			t.Error("reading a missing journal succeeded")
		}
	})
}

// In S3 each record is its own object, named so that key order is record
// order.
func TestObjectLayout(t *testing.T) {
	fake := statetest.NewS3()
	st := state.NewS3(fake, "bucket", "team/gd")
	w := newJournalIn(t, st, "r1")
	for i := range 11 {
		mustAppend(t, w, Record{Type: TypeNote, Note: fmt.Sprint(i)})
	}
	keys := fake.Keys()
	if len(keys) != 12 || keys[0] != "bucket/team/gd/runs/r1/journal/0000000001.json" || keys[11] != "bucket/team/gd/runs/r1/journal/0000000012.json" {
		t.Fatalf("keys %v", keys)
	}
	if w.Path() != "s3://bucket/team/gd/runs/r1/journal/" {
		t.Errorf("Path = %s", w.Path())
	}
	// Every record was a conditional create: none can overwrite another.
	if fake.Calls["PutObject"] != 12 {
		t.Errorf("%d PutObject calls for 12 records", fake.Calls["PutObject"])
	}
}

func TestObjectConcurrentAppends(t *testing.T) {
	st := state.NewS3(statetest.NewS3(), "b", "")
	w := newJournalIn(t, st, "conc")
	const workers, each = 6, 10
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := w.Append(Record{Type: TypeIntent, Fault: "s/k.f", Kind: "k", Batch: g*each + i + 1}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	j, err := ReadRunIn(context.Background(), st, "conc")
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Records) != workers*each+1 {
		t.Fatalf("%d records, want %d", len(j.Records), workers*each+1)
	}
	for i, r := range j.Records {
		if r.Seq != int64(i+1) {
			t.Fatalf("record %d has seq %d", i, r.Seq)
		}
	}
}

// Two processes appending to one run (recover --force while the run is
// alive) never overwrite each other's records: the later one moves past.
func TestObjectTwoWritersKeepEveryRecord(t *testing.T) {
	ctx := context.Background()
	st := state.NewS3(statetest.NewS3(), "b", "p")
	run := newJournalIn(t, st, "both")
	rec, _, err := OpenIn(ctx, st, "both")
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	mustAppend(t, run, Record{Type: TypeNote, Note: "from the run"})        // seq 2
	got := mustAppend(t, rec, Record{Type: TypeNote, Note: "from recover"}) // 2 is taken
	if got.Seq != 3 {
		t.Errorf("the second writer's record got seq %d, want 3", got.Seq)
	}
	j, err := ReadRunIn(ctx, st, "both")
	if err != nil || len(j.Records) != 3 || j.Records[1].Note != "from the run" || j.Records[2].Note != "from recover" {
		t.Fatalf("records %+v %v", j, err)
	}
}

// A failed PutObject leaves nothing behind in S3, so unlike a journal file
// the writer keeps working after it.
func TestObjectFailedWriteIsNotFatal(t *testing.T) {
	fake := statetest.NewS3()
	st := state.NewS3(fake, "b", "")
	w := newJournalIn(t, st, "f")
	fake.FailPut = func(string) error { return errors.New("service unavailable") }
	if _, err := w.Append(Record{Type: TypeNote}); err == nil {
		t.Fatal("append during an outage succeeded")
	}
	fake.FailPut = nil
	r := mustAppend(t, w, Record{Type: TypeNote, Note: "after"})
	if r.Seq != 2 {
		t.Errorf("seq after a failed write %d, want 2", r.Seq)
	}
}

func TestObjectUnreadableRecords(t *testing.T) {
	ctx := context.Background()
	fake := statetest.NewS3()
	st := state.NewS3(fake, "b", "")
	w := newJournalIn(t, st, "t")
	inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
	fake.SetObject("b", "runs/t/journal/0000000004.json", []byte(`{"seq":4,"ty`))
	j, err := ReadRunIn(ctx, st, "t")
	if err != nil || !j.Torn || len(j.Records) != 3 {
		t.Fatalf("torn last record: %+v %v", j, err)
	}
	w2, _, err := OpenIn(ctx, st, "t")
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	j, err = ReadRunIn(ctx, st, "t")
	if err != nil || j.Torn || len(j.Records) != 4 || j.Records[3].Type != TypeNote || j.Records[3].Seq != 4 {
		t.Fatalf("after reopening: %+v %v", j, err)
	}
	// Damage followed by good records is an error, never skipped.
	fake.SetObject("b", "runs/t/journal/0000000002.json", []byte("garbage"))
	if _, err := ReadRunIn(ctx, st, "t"); err == nil {
		t.Error("a damaged middle record was skipped")
	}
}

// List, Open and Recover over S3: a crashed run is listed with its pending
// batches and fully reverted, newest first, and is then clean.
func TestObjectListAndRecover(t *testing.T) {
	ctx := context.Background()
	forStores(t, func(t *testing.T, st state.Store) {
		at := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		older, err := createIn2(ctx, st, "older", at)
		if err != nil {
			t.Fatal(err)
		}
		defer older.Close()
		older.End("passed")
		w, err := createIn2(ctx, st, "crashed", at.Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		inject(t, w, "s/nat.a", "nat", 1, "rtb-1", true)
		inject(t, w, "s/nat.a", "nat", 2, "rtb-2", false)
		w.Close()
		if err := st.Put(ctx, RunKey("crashed", "record.json"), []byte("{}")); err != nil {
			t.Fatal(err)
		}
		dead := func(string, int) bool { return false }
		runs, err := ListIn(ctx, st, dead)
		if err != nil || len(runs) != 2 {
			t.Fatalf("list: %+v %v", runs, err)
		}
		if runs[0].ID != "crashed" || runs[0].Status != StatusCrashed || runs[0].Pending != 2 || runs[1].Status != StatusFinished {
			t.Fatalf("list: %+v", runs)
		}
		w2, j, err := OpenIn(ctx, st, "crashed")
		if err != nil {
			t.Fatal(err)
		}
		nat := &fakeReverter{}
		sum, err := Recover(ctx, j.Records, lookupOf(map[string]engine.Reverter{"nat": nat}), w2)
		if err != nil || !sum.Clean() || len(nat.reverted) != 2 || nat.reverted[0] != "rtb-2" {
			t.Fatalf("recover: %+v %v %v", sum, err, nat.reverted)
		}
		w2.Close()
		runs, _ = ListIn(ctx, st, dead)
		if runs[0].Pending != 0 {
			t.Errorf("pending after recover: %+v", runs[0])
		}
	})
}

func createIn2(ctx context.Context, st state.Store, id string, at time.Time) (*Writer, error) {
	return createIn(ctx, st, Start{RunID: id, GameDay: "gd"}, func() time.Time { return at })
}
