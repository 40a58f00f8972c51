package history

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"fmt"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
)

// gameDay loads a game day whose scenario "web" has objectives written
// as objectives (its body).
func gameDay(t testing.TB, objectives string) *config.GameDay {
	t.Helper()
	src := `
gameday "weekly" {
  probe "http" "health" { url = "https://staging.example.com/health" }
  scenario "web" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 1
      }
    }
    objectives {
` + objectives + `
    }
  }
}`
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("weekly.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return gd
}

// runID is the id of the i-th run (ids sort by start time).
func runID(i int) string { return fmt.Sprintf("20260105T%06dZ-%04x", 90000+i, i) }

func rtoFigure(d time.Duration) *record.Figure {
	f := record.FigureOf(measure.Duration{Status: measure.Measured, Value: d, Resolution: 250 * time.Millisecond})
	return &f
}

// entry is a finished, comparable run of scenario "web" (version hash)
// with the given RTO.
func entry(i int, hash string, rto time.Duration) *Entry {
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * 24 * time.Hour)
	return &Entry{Schema: EntrySchema, SchemaVersion: EntryVersion, Run: runID(i), GameDay: "weekly",
		Account: "123456789012", Region: "us-east-1", Started: record.At(start), Finished: record.At(start.Add(time.Minute)),
		Status: "passed", Outcome: measure.OutcomeMet, RecordVersion: record.SchemaVersion,
		Scenarios: []Scenario{{Name: "web", Hash: hash, Outcome: measure.OutcomeMet, RTO: rtoFigure(rto)}}}
}

func put(t testing.TB, st state.Store, es ...*Entry) {
	t.Helper()
	for _, e := range es {
		if err := Put(context.Background(), st, e); err != nil {
			t.Fatal(err)
		}
	}
}

// failingList is an S3 whose listings fail (AccessDenied on ListBucket).
type failingList struct{ awsapi.S3 }

func (failingList) ListObjectsV2(context.Context, *s3.ListObjectsV2Input, ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "not allowed to list"}
}
