package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

func newJournal(t *testing.T, dir, id string) *Writer {
	t.Helper()
	w, err := Create(dir, Start{RunID: id, GameDay: "staging", File: "gd.hcl", Account: "123456789012", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func mustAppend(t *testing.T, w Appender, r Record) Record {
	t.Helper()
	out, err := w.Append(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "r1")
	targets := []engine.Target{{ID: "i-1", Resource: "ec2:instance", AZ: "us-east-1a", Labels: map[string]string{"Name": "web"}}}
	want := []Record{
		{Type: TypeIntent, Scenario: "s", Fault: "s/ec2_kill.web", Kind: "ec2_kill", Batch: 1, Targets: targets, Snapshot: json.RawMessage(`{"state":"running"}`)},
		{Type: TypeInjected, Scenario: "s", Fault: "s/ec2_kill.web", Kind: "ec2_kill", Batch: 1, Result: json.RawMessage(`["i-1"]`)},
		{Type: TypeRunEnd, Status: "passed", Note: "all good"},
	}
	for _, r := range want {
		mustAppend(t, w, r)
	}
	j, err := ReadRun(dir, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if j.Torn || len(j.Records) != 4 {
		t.Fatalf("got torn=%v, %d records, want 4 untorn", j.Torn, len(j.Records))
	}
	start := j.Records[0]
	if start.Type != TypeRunStart || start.GameDay != "staging" || start.Account != "123456789012" || start.PID != os.Getpid() {
		t.Errorf("run_start = %+v", start)
	}
	for i, r := range j.Records {
		if r.Seq != int64(i+1) || r.Run != "r1" || r.Time.IsZero() {
			t.Errorf("record %d: seq %d run %q time %v", i, r.Seq, r.Run, r.Time)
		}
	}
	for i, w := range want {
		got := j.Records[i+1]
		got.Seq, got.Run, got.Time = 0, "", w.Time
		if !reflect.DeepEqual(got, w) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got, w)
		}
	}
	if !reflect.DeepEqual(w.Records(), j.Records) {
		t.Errorf("Writer.Records differs from what was read back")
	}
}

func TestPermissions(t *testing.T) {
	dir := t.TempDir()
	// A runs directory someone made world-readable is tightened.
	if err := os.MkdirAll(RunsDir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	newJournal(t, dir, "perm")
	fi, err := os.Stat(Path(dir, "perm"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("journal mode %o, want 600", got)
	}
	di, err := os.Stat(RunsDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if got := di.Mode().Perm(); got != 0o700 {
		t.Errorf("runs dir mode %o, want 700", got)
	}
	// A fresh state directory is created owner-only too.
	fresh := filepath.Join(t.TempDir(), "state", "gameday")
	newJournal(t, fresh, "p2")
	for _, d := range []string{fresh, RunsDir(fresh)} {
		di, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := di.Mode().Perm(); got != 0o700 {
			t.Errorf("%s mode %o, want 700", d, got)
		}
	}
}

func TestCreateRefusesExistingAndBadIDs(t *testing.T) {
	dir := t.TempDir()
	newJournal(t, dir, "dup")
	if _, err := Create(dir, Start{RunID: "dup"}); err == nil {
		t.Error("Create overwrote an existing journal")
	}
	for _, id := range []string{"", "../x", "a/b", ".hidden", "sp ace"} {
		if _, err := Create(dir, Start{RunID: id}); err == nil {
			t.Errorf("Create accepted run id %q", id)
		}
	}
}

func TestAppendAfterCloseFails(t *testing.T) {
	w := newJournal(t, t.TempDir(), "c")
	w.Close()
	if _, err := w.Append(Record{Type: TypeNote}); err == nil {
		t.Error("append after close succeeded")
	}
}
