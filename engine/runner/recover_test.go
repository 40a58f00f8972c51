package runner

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

func TestSelectRuns(t *testing.T) {
	runs := []journal.RunInfo{
		{ID: "crashed", Status: journal.StatusCrashed, Pending: 2},
		{ID: "alive", Status: journal.StatusRunning, Pending: 1},
		{ID: "clean", Status: journal.StatusFinished},
	}
	ids := func(rs []journal.RunInfo) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return strings.Join(out, ",")
	}
	got, alive, err := SelectRuns(runs, nil, true, false, "/s")
	if err != nil || ids(got) != "crashed" || alive != 1 {
		t.Errorf("--all: %s, %d alive, %v", ids(got), alive, err)
	}
	if got, alive, _ := SelectRuns(runs, nil, true, true, "/s"); ids(got) != "crashed,alive" || alive != 0 {
		t.Errorf("--all --force: %s, %d alive", ids(got), alive)
	}
	if got, _, err := SelectRuns(runs, []string{"clean", "crashed"}, false, false, "/s"); err != nil || ids(got) != "clean,crashed" {
		t.Errorf("named runs: %s, %v", ids(got), err)
	}
	if _, _, err := SelectRuns(runs, []string{"crashed", "alive"}, false, false, "/s"); err == nil || !strings.Contains(err.Error(), "not recovering run alive: its process is still running") {
		t.Errorf("a live run: %v", err)
	}
	if got, _, err := SelectRuns(runs, []string{"alive"}, false, true, "/s"); err != nil || ids(got) != "alive" {
		t.Errorf("a live run with --force: %s, %v", ids(got), err)
	}
	if _, _, err := SelectRuns(runs, []string{"gone"}, false, false, "/s"); err == nil || err.Error() != "not recovering: no journal for run gone under /s" {
		t.Errorf("an unknown run: %v", err)
	}
}

// crashedRun journals a run of the fake kind that broke t-0 and died
// before reverting, and leaves the game day's lock it held.
func crashedRun(t *testing.T, st state.Store, w *fakeWorld) journal.RunInfo {
	t.Helper()
	ctx := context.Background()
	jw, err := journal.CreateIn(ctx, st, journal.Start{RunID: "dead", GameDay: "gd", Account: "123456789012", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	base := journal.Record{Scenario: "s", Fault: "s/fake.f", Kind: "fake", Batch: 1, Targets: []engine.Target{{ID: "t-0", Resource: "fake:thing"}}}
	intent, done := base, base
	intent.Type, intent.Snapshot = journal.TypeIntent, json.RawMessage(`{"was":"fine"}`)
	done.Type = journal.TypeInjected
	for _, r := range []journal.Record{intent, done} {
		if _, err := jw.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	jw.Close()
	w.broken["t-0"] = true
	li := state.LockInfo{GameDay: "gd", RunID: "dead", Host: "elsewhere", PID: 1, Acquired: time.Now(), Expires: time.Now().Add(time.Minute)}
	b, _ := json.Marshal(li)
	if err := st.Create(ctx, state.LockKey("gd"), b); err != nil {
		t.Fatal(err)
	}
	return journal.RunInfo{ID: "dead", GameDay: "gd", Account: "123456789012", Region: "us-east-1", Status: journal.StatusCrashed, Pending: 1}
}

// Recovering a crashed run reverts and verifies what its journal says is
// in effect, closes the run and releases its lock; doing it again does
// nothing more.
func TestRecoveryRevertsACrashedRun(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(filepath.Join(t.TempDir(), "s"))
	w := newFakeWorld()
	ri := crashedRun(t, st, w)
	rc := Recovery{Store: st, VerifyTimeout: time.Second}
	clients := &awsapi.Clients{Region: "us-east-1", STS: fakeSTS{"123456789012"}}

	rr, err := rc.Open(ctx, ri, clients)
	if err != nil {
		t.Fatal(err)
	}
	out := rr.Revert(ctx, fakeKinds(w))
	rr.Close()
	if !out.Clean() || len(out.Reverted) != 1 || out.JournalErr != nil || out.EndErr != nil || out.LockErr != nil {
		t.Fatalf("recovered %+v", out)
	}
	if w.isBroken("t-0") {
		t.Fatal("t-0 is still broken")
	}
	if _, held, _ := state.ReadLock(ctx, st, "gd"); held {
		t.Error("the dead run's lock is still held")
	}
	runs, err := rc.Runs(ctx, false)
	if err != nil || len(runs) != 1 || runs[0].Pending != 0 || runs[0].EndStatus != "recovered" {
		t.Fatalf("after recover: %+v, %v", runs, err)
	}

	w.broken["t-0"] = true // something else broke it since: not ours to touch
	rr, err = rc.Open(ctx, runs[0], clients)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	if again := rr.Revert(ctx, fakeKinds(w)); len(again.Reverted)+len(again.Left) != 0 || !w.isBroken("t-0") {
		t.Errorf("a second recover did %+v", again)
	}
}

// A journal is never reverted with credentials for another account or a
// configuration for another region: the ids in it mean nothing there.
func TestRecoveryOpenRefusesAnotherAccountOrRegion(t *testing.T) {
	ctx := context.Background()
	st := state.NewDir(filepath.Join(t.TempDir(), "s"))
	ri := crashedRun(t, st, newFakeWorld())
	rc := Recovery{Store: st}
	for _, c := range []struct {
		clients *awsapi.Clients
		want    string
	}{
		{&awsapi.Clients{Region: "us-east-1", STS: fakeSTS{"999999999999"}}, "not recovering run dead: it ran in account 123456789012, the credentials are for 999999999999"},
		{&awsapi.Clients{Region: "eu-west-1", STS: fakeSTS{"123456789012"}}, "not recovering run dead: it ran in region us-east-1, the configuration is for eu-west-1"},
	} {
		if _, err := rc.Open(ctx, ri, c.clients); err == nil || err.Error() != c.want {
			t.Errorf("Open = %v, want %q", err, c.want)
		}
	}
}

// scanKind is a kind whose scanner finds what it is given.
func scanKind(w *fakeWorld, found []engine.Leftover, err error) engine.FaultKind {
	k := fakeKinds(w)["fake"]
	k.Scanner = func(engine.Env) engine.Scanner {
		return scanFunc(func() ([]engine.Leftover, error) { return found, err })
	}
	return k
}

type scanFunc func() ([]engine.Leftover, error)

func (f scanFunc) Scan(context.Context) ([]engine.Leftover, error) { return f() }

// A scan reverts what each kind's scanner finds and reports every step; an
// endpoint without the scanner's API is not a leftover, a failed scan is.
func TestRecoveryScan(t *testing.T) {
	w := newFakeWorld()
	w.broken["t-1"] = true
	found := []engine.Leftover{{Run: "old", Kind: "fake", Targets: []engine.Target{{ID: "t-1"}}, Detail: "t-1 broken"}}
	kinds := engine.Kinds{
		"a_found":     scanKind(w, found, nil),
		"b_emulator":  scanKind(w, nil, &engine.NotImplementedError{What: "things", API: "ListThings"}),
		"c_failed":    scanKind(w, nil, errors.New("AccessDenied")),
		"d_no_tagged": fakeKinds(w)["fake"],
	}
	var steps []string
	left := Recovery{VerifyTimeout: time.Second}.Scan(context.Background(), &awsapi.Clients{}, kinds, func(s ScanStep) {
		step := s.Kind
		if s.Leftover != nil {
			step += " " + s.Leftover.Detail
		}
		if s.Done {
			step += " done"
		}
		var ni *engine.NotImplementedError
		switch {
		case errors.As(s.Err, &ni):
			step += " not implemented"
		case s.Err != nil:
			step += " error"
		}
		steps = append(steps, step)
	})
	want := "a_found t-1 broken|a_found t-1 broken done|b_emulator not implemented|c_failed error"
	if got := strings.Join(steps, "|"); got != want {
		t.Errorf("steps %s, want %s", got, want)
	}
	if left != 1 || w.isBroken("t-1") {
		t.Errorf("left %d, t-1 broken %v", left, w.isBroken("t-1"))
	}
}
