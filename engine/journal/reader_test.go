package journal

import (
	"os"
	"strings"
	"testing"
)

func appendBytes(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func TestTornLastLine(t *testing.T) {
	for name, tail := range map[string]string{
		"cut mid-record": `{"seq":3,"time":"2026-01-01T00:00:00Z","run":"t","type":"inj`,
		"nul bytes":      "\x00\x00\x00\x00",
		"cut, newline":   "{\"seq\":3,\"ty\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			w := newJournal(t, dir, "t")
			mustAppend(t, w, Record{Type: TypeIntent, Fault: "s/k.a", Kind: "k", Batch: 1})
			appendBytes(t, w.Path(), tail)
			j, err := ReadRun(dir, "t")
			if err != nil {
				t.Fatal(err)
			}
			if !j.Torn || string(j.TornTail) != tail || len(j.Records) != 2 {
				t.Fatalf("torn=%v tail=%q records=%d", j.Torn, j.TornTail, len(j.Records))
			}
			// Reopening cuts the tail, says so, and continues the sequence.
			w.Close()
			w2, j2, err := Open(dir, "t")
			if err != nil {
				t.Fatal(err)
			}
			defer w2.Close()
			if !j2.Torn {
				t.Error("Open did not report the torn tail")
			}
			r := mustAppend(t, w2, Record{Type: TypeRunEnd, Status: "recovered"})
			if r.Seq != 4 {
				t.Errorf("seq after reopen = %d, want 4 (2 records + torn note)", r.Seq)
			}
			j3, err := ReadRun(dir, "t")
			if err != nil {
				t.Fatal(err)
			}
			if j3.Torn || len(j3.Records) != 4 {
				t.Fatalf("after repair: torn=%v records=%d", j3.Torn, len(j3.Records))
			}
			if n := j3.Records[2]; n.Type != TypeNote || !strings.Contains(n.Note, "torn") {
				t.Errorf("no note about the torn record: %+v", n)
			}
		})
	}
}

func TestDamagedMiddleLineIsAnError(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "m")
	appendBytes(t, w.Path(), "garbage\n")
	mustAppend(t, w, Record{Type: TypeNote, Note: "after"})
	_, err := ReadRun(dir, "m")
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v, want damage at line 2", err)
	}
}

func TestUnterminatedCompleteRecordIsKept(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "u")
	w.Close()
	appendBytes(t, Path(dir, "u"), `{"seq":2,"time":"2026-01-01T00:00:00Z","run":"u","type":"intent","fault":"s/k.a","kind":"k","batch":1}`)
	j, err := ReadRun(dir, "u")
	if err != nil {
		t.Fatal(err)
	}
	if j.Torn || len(j.Records) != 2 || j.Records[1].Type != TypeIntent {
		t.Fatalf("torn=%v records=%+v", j.Torn, j.Records)
	}
	w2, _, err := Open(dir, "u")
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, w2, Record{Type: TypeNote})
	w2.Close()
	j, err = ReadRun(dir, "u")
	if err != nil || len(j.Records) != 3 || j.Records[2].Seq != 3 {
		t.Fatalf("after append: err=%v records=%+v", err, j)
	}
}
