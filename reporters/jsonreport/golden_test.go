package jsonreport_test

import (
	"bytes"
	"flag"
	"testing"

	"github.com/gameday-dev/gameday/reporters/jsonreport"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T) []byte { return recordtest.Render(t, jsonreport.Render) }

func TestGolden(t *testing.T) {
	recordtest.Golden(t, "report.json", render(t), *update)
}

func TestNoSecret(t *testing.T) { recordtest.NoSecret(t, render(t)) }

// The JSON report is the run record: it decodes as one.
func TestIsTheRecord(t *testing.T) {
	rec, err := record.Decode(bytes.NewReader(render(t)))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Run.ID != recordtest.RunID || len(rec.Timeline) == 0 {
		t.Errorf("decoded record: run %q, %d events", rec.Run.ID, len(rec.Timeline))
	}
}
