package console

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// The summary is rendered from the record. The golden files hold the
// summaries the runner's result rendered before the record was the source,
// so the words a user sees after a run, and again with `gameday report`
// from the stored record, are the same as they were.
func TestSummaryMatchesTheGoldenFiles(t *testing.T) {
	cases := map[string]*record.Record{"fixture": recordtest.MustRecord(t)}
	for _, o := range recordtest.Outcomes() {
		cases[strings.ReplaceAll(o, " ", "-")] = recordtest.OutcomeRecord(t, o)
	}
	for name, rec := range cases {
		want, err := os.ReadFile(filepath.Join("testdata", "summary-"+name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		var built, stored bytes.Buffer
		Summary(&built, rec)
		Summary(&stored, roundTrip(t, rec))
		if built.String() != string(want) {
			t.Errorf("%s: summary of the built record differs from the golden file:\n--- got\n%s\n--- want\n%s", name, built.String(), want)
		}
		if stored.String() != string(want) {
			t.Errorf("%s: summary of the stored record differs from the golden file:\n--- got\n%s\n--- want\n%s", name, stored.String(), want)
		}
	}
}

// roundTrip stores and reads back rec, as `gameday report RUN` does.
func roundTrip(t *testing.T, rec *record.Record) *record.Record {
	t.Helper()
	var b bytes.Buffer
	if err := record.Encode(&b, rec); err != nil {
		t.Fatal(err)
	}
	back, err := record.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return back
}
