package jsonreport_test

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/jsonreport"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T) []byte {
	t.Helper()
	rec, err := recordtest.Record()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jsonreport.Render(&b, rec); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	recordtest.Golden(t, "report.json", render(t), *update)
}

func TestNoSecret(t *testing.T) {
	out := string(render(t))
	for _, s := range recordtest.PlantedSecrets() {
		if strings.Contains(out, s) {
			t.Errorf("the report contains the planted secret %q", s)
		}
	}
}

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
