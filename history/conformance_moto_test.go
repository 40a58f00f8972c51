//go:build conformance

package history

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

// The history through the real SDK client against moto: 1,010 runs are
// more than one ListObjectsV2 page (1,000 keys), so listing them follows
// S3's continuation tokens on the wire; the history reads every one, a
// run is judged against the newest comparable ones, and pruning keeps the
// run whose journal (one object per record) says a change is in effect.
func TestConformanceHistoryOnMoto(t *testing.T) {
	url := statetest.StartMoto(t)
	st := state.NewS3(statetest.MotoS3(t, url, "history"), "history", "team/gameday")
	ctx := context.Background()
	gd := gameDay(t, `rto = "2m"
      baseline {
        runs   = 5
        margin = "50%"
      }`)
	hash := gd.Scenarios[0].Hash()
	const n = 1010
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := Put(ctx, st, entry(i, hash, time.Duration(10+i%3)*time.Second)); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	runs, err := Runs(ctx, st, "weekly")
	if err != nil || len(runs) != n || runs[0] != runID(0) || runs[n-1] != runID(n-1) {
		t.Fatalf("%d runs listed (%v), want %d in order", len(runs), err, n)
	}
	v, err := Load(ctx, st, "weekly", Query{})
	if err != nil || len(v.Runs) != n || v.Runs[0].Run != runID(n-1) || len(v.Unreadable) != 0 {
		t.Fatalf("loaded %d runs (%v), unreadable %v", len(v.Runs), err, v.Unreadable)
	}
	if v, err := Load(ctx, st, "weekly", Query{Last: 20}); err != nil || len(v.Runs) != 20 || v.Total != n {
		t.Fatalf("--last 20: %d of %d (%v)", len(v.Runs), v.Total, err)
	}

	res := result(40*time.Second, measure.OutcomeMet)
	if err := Judge(ctx, st, gd, res); err != nil {
		t.Fatal(err)
	}
	m := res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeRegressed || len(m.Baseline.Compared) != 5 || m.Baseline.Compared[0] != runID(n-1) {
		t.Fatalf("%+v %+v", m.Verdict, m.Baseline)
	}
}

// Pruning on S3: journals are objects, and a run whose journal says a
// change may still be in effect stays.
func TestConformancePruneOnMoto(t *testing.T) {
	url := statetest.StartMoto(t)
	st := state.NewS3(statetest.MotoS3(t, url, "prune"), "prune", "p")
	ctx := context.Background()
	for i := range 5 {
		storedRun(t, st, i, i == 0)
	}
	p, err := Prune(ctx, st, "weekly", 2, func(string, int) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Removed) != 2 || len(p.Kept) != 1 || p.Kept[0].Run != runID(0) {
		t.Fatalf("%+v", p)
	}
	keys, err := st.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(k, runID(1)) || strings.Contains(k, runID(2)) {
			t.Errorf("left behind: %s", k)
		}
	}
	// Every record left has its entry: nothing to reindex.
	if out, err := Reindex(ctx, st); err != nil || len(out.Added) != 0 || len(out.Failed) != 0 {
		t.Fatalf("reindex: %+v %v", out, err)
	}
}
