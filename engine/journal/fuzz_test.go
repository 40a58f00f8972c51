package journal

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// FuzzReadJournal feeds arbitrary bytes to the journal reader, seeded with
// a journal the writer wrote, cut and damaged the ways a crash or a disk
// can leave it. The reader must never panic, and what it answers must
// hold together: the records it accepts re-encode to a journal that reads
// back the same; a torn tail is exactly the bytes after the last good
// record, and cutting it (what Open does) leaves those records, untorn;
// an error is only ever damage followed by more records.
func FuzzReadJournal(f *testing.F) {
	valid := writtenJournal(f)
	// Huge lines are a few times the reader's 4 KiB buffer: longer ones
	// exercise nothing more and slow the fuzzer's minimizing to a crawl.
	huge := `{"seq":9,"time":"2026-01-01T00:00:00Z","run":"r","type":"note","note":"` + strings.Repeat("x", 16<<10) + `"}` + "\n"
	for _, s := range []string{
		"",
		valid,
		valid[:len(valid)/2],   // torn mid-record
		valid[:len(valid)-1],   // complete, but without its newline
		valid + "\x00\x00\x00", // what some file systems leave after a crash
		valid + "{\"seq\":9,\"ty\n",
		valid + "garbage\n" + valid, // damage followed by records
		strings.ReplaceAll(valid, "\n", "\r\n"),
		valid + "\n\n",
		valid + huge,
		valid + strings.Repeat("\xff", 16<<10),
		"{\n", "[]\n", "null\n", `{"type":1}` + "\n", `{"type":""}` + "\n",
		`{"seq":"x","type":"intent"}` + "\n", `{"seq":1e3,"type":"intent"}` + "\n",
		"{\"seq\":1,\"time\":\"2026-01-01T00:00:00+23:59\",\"run\":\"r\",\"type\":\"note\",\"note\":\"\xff\\u00e9\"}\n",
		`{"seq":1,"type":"intent","snapshot":{ "a" : [1, 2] },"result":null}` + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := Parse(bytes.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "damaged") {
				t.Fatalf("an error that is not damage: %v", err)
			}
			return
		}
		for i, r := range j.Records {
			if r.Type == "" {
				t.Fatalf("record %d accepted without a type: %+v", i, r)
			}
		}
		switch {
		case j.Torn && (len(j.TornTail) == 0 || !bytes.HasSuffix(data, j.TornTail) || j.goodSize+int64(len(j.TornTail)) != int64(len(data))):
			t.Fatalf("torn tail %q is not the bytes after the last good record (at %d of %d)", j.TornTail, j.goodSize, len(data))
		case !j.Torn && (j.TornTail != nil || j.goodSize != int64(len(data))):
			t.Fatalf("untorn, yet %d of %d bytes are good records (tail %q)", j.goodSize, len(data), j.TornTail)
		}

		// Cutting the torn tail leaves the same records, untorn.
		cut, err := Parse(bytes.NewReader(data[:j.goodSize]))
		if err != nil || cut.Torn || encode(t, cut.Records) != encode(t, j.Records) {
			t.Fatalf("the good part read alone: torn=%v err=%v", cut != nil && cut.Torn, err)
		}

		// What was accepted re-encodes to a journal that reads back the same.
		once := encode(t, j.Records)
		again, err := Parse(strings.NewReader(once))
		if err != nil || again.Torn || len(again.Records) != len(j.Records) {
			t.Fatalf("re-encoded records read back: err=%v torn=%v %d records, want %d", err, again != nil && again.Torn, len(again.Records), len(j.Records))
		}
		if twice := encode(t, again.Records); twice != once {
			t.Fatalf("re-encoding changed the records:\n%s\n%s", once, twice)
		}
	})
}

// encode writes records as journal lines.
func encode(t *testing.T, recs []Record) string {
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("an accepted record cannot be encoded again: %v (%+v)", err, r)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// writtenJournal is a journal the writer wrote: the intent, the outcome
// and the revert of a batch, with targets, a snapshot and a result.
func writtenJournal(f *testing.F) string {
	dir := f.TempDir()
	w, err := Create(dir, Start{RunID: "fuzz", GameDay: "staging", File: "gd.hcl", Account: "123456789012", Region: "us-east-1"})
	if err != nil {
		f.Fatal(err)
	}
	b := Record{Scenario: "s", Fault: "s/nat_route_removal.a", Kind: "nat_route_removal", Batch: 1,
		Targets: []engine.Target{{ID: "rtb-1|0.0.0.0/0", Resource: "ec2:route", AZ: "us-east-1a", Labels: map[string]string{"Name": "private-a"}}}}
	for _, r := range []Record{
		{Type: TypeIntent, Snapshot: json.RawMessage(`{"routes":[{"cidr":"0.0.0.0/0","nat":"nat-1"}]}`)},
		{Type: TypeInjected, Result: json.RawMessage(`{"deleted":1}`)},
		{Type: TypeRevertIntent},
		{Type: TypeReverted, Verified: true, Notes: []string{"route put back"}},
	} {
		r.Scenario, r.Fault, r.Kind, r.Batch, r.Targets = b.Scenario, b.Fault, b.Kind, b.Batch, b.Targets
		if _, err := w.Append(r); err != nil {
			f.Fatal(err)
		}
	}
	if err := w.End("passed"); err != nil {
		f.Fatal(err)
	}
	w.Close()
	data, err := os.ReadFile(Path(dir, "fuzz"))
	if err != nil {
		f.Fatal(err)
	}
	return string(data)
}
