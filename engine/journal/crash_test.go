package journal

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// crashEnv makes the test binary act as a run that journals batches until
// it is killed.
const crashEnv = "GAMEDAY_JOURNAL_CRASH_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashEnv); dir != "" {
		crashingRun(dir)
		return
	}
	os.Exit(m.Run())
}

// crashingRun journals intent/injected pairs forever (one batch every few
// milliseconds), like a runner injecting, until SIGKILL.
func crashingRun(dir string) {
	w, err := Create(dir, Start{RunID: "crash", GameDay: "crash"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for n := 1; ; n++ {
		b := Batch{Scenario: "s", Fault: "s/nat.a", Kind: "nat", Number: n, Targets: []engine.Target{{ID: fmt.Sprintf("rtb-%d", n)}}}
		if _, err := w.Append(BatchRecord(TypeIntent, b)); err != nil {
			os.Exit(2)
		}
		time.Sleep(time.Millisecond) // "the mutating call"
		if _, err := w.Append(BatchRecord(TypeInjected, b)); err != nil {
			os.Exit(2)
		}
	}
}

// A run killed with SIGKILL while injecting is fully reverted from its
// journal, including a batch whose intent was written but whose result
// was not.
func TestRecoverAfterSIGKILL(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Let it journal a few batches, then kill it without warning.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if j, err := ReadRun(dir, "crash"); err == nil && len(j.Records) > 20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the run journaled nothing in 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	runs, err := List(dir, nil)
	if err != nil || len(runs) != 1 || runs[0].Status != StatusCrashed || runs[0].Pending == 0 {
		t.Fatalf("list after the kill: %+v %v", runs, err)
	}
	w, j, err := Open(dir, "crash")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	intents := 0
	for _, r := range j.Records {
		if r.Type == TypeIntent {
			intents++
		}
	}
	nat := &fakeReverter{}
	sum, err := Recover(context.Background(), j.Records, lookupOf(map[string]engine.Reverter{"nat": nat}), w)
	if err != nil || !sum.Clean() {
		t.Fatalf("recover: %+v %v", sum, err)
	}
	if len(nat.reverted) != intents {
		t.Errorf("reverted %d batches, %d intents were journaled", len(nat.reverted), intents)
	}
	if want := fmt.Sprintf("rtb-%d", intents); nat.reverted[0] != want {
		t.Errorf("first revert %s, want the newest intent %s", nat.reverted[0], want)
	}
	if last := nat.reverted[len(nat.reverted)-1]; last != "rtb-1" {
		t.Errorf("last revert %s, want the first batch rtb-1", last)
	}
	runs, _ = List(dir, nil)
	if runs[0].Pending != 0 {
		t.Errorf("still pending after recover: %+v", runs[0])
	}
}
