package journal

import (
	"os"
	"testing"
	"time"
)

func TestList(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	mk := func(id string, offset time.Duration) *Writer {
		w, err := create(dir, Start{RunID: id, GameDay: "gd-" + id}, func() time.Time { return at.Add(offset) }, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		return w
	}
	done := mk("done", 0)
	inject(t, done, "s/k.a", "k", 1, "x", true)
	mustAppend(t, done, Record{Type: TypeReverted, Fault: "s/k.a", Kind: "k", Batch: 1, Verified: true})
	if err := done.End("passed"); err != nil {
		t.Fatal(err)
	}
	crashed := mk("crashed", time.Minute)
	inject(t, crashed, "s/k.a", "k", 1, "x", true)
	inject(t, crashed, "s/k.a", "k", 2, "y", false)
	mk("live", 2*time.Minute)
	if err := os.WriteFile(Path(dir, "bad"), []byte("nope\n{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	alive := func(host string, pid int) bool { return pid == os.Getpid() }
	// Only "live" is alive: the others are judged with a liveness saying no.
	runs, err := List(dir, func(h string, pid int) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]RunInfo{}
	for _, r := range runs {
		byID[r.ID] = r
	}
	if r := byID["done"]; r.Status != StatusFinished || r.EndStatus != "passed" || r.Pending != 0 || r.GameDay != "gd-done" {
		t.Errorf("done: %+v", r)
	}
	if r := byID["crashed"]; r.Status != StatusCrashed || r.Pending != 2 {
		t.Errorf("crashed: %+v", r)
	}
	if r := byID["bad"]; r.Err == nil {
		t.Errorf("damaged journal listed without error: %+v", r)
	}
	if runs[0].ID != "live" || runs[1].ID != "crashed" || runs[2].ID != "done" {
		t.Errorf("order %s %s %s, want newest first", runs[0].ID, runs[1].ID, runs[2].ID)
	}
	runs, _ = List(dir, alive)
	for _, r := range runs {
		if r.ID == "live" && r.Status != StatusRunning {
			t.Errorf("live: %+v", r)
		}
		if r.ID == "done" && r.Status != StatusFinished {
			t.Errorf("a finished run is finished even when its process lives: %+v", r)
		}
	}
	if !LocalLiveness(mustHost(t), os.Getpid()) {
		t.Error("LocalLiveness says this process is dead")
	}
	if LocalLiveness("another-host.invalid", os.Getpid()) {
		t.Error("LocalLiveness trusts a pid from another host")
	}
}

func TestListMissingDir(t *testing.T) {
	runs, err := List(t.TempDir()+"/nothing", nil)
	if err != nil || len(runs) != 0 {
		t.Fatalf("%v %v", runs, err)
	}
}

func mustHost(t *testing.T) string {
	h, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	return h
}
