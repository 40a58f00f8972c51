package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

// After a run: the record is stored next to the journal, the selected
// formats are written, and both places are printed.
func TestReportRunStoresTheRecordAndWritesReports(t *testing.T) {
	gd, err := recordtest.GameDay()
	if err != nil {
		t.Fatal(err)
	}
	gd.Report.Slack = nil // the fixture's webhook is not a place to post to
	stateDir, reports := t.TempDir(), filepath.Join(t.TempDir(), "reports")
	tio := newTestIO()
	reportRun(context.Background(), tio.f, nil, gd, record.Build(recordtest.Result(), gd), nil, stateDir,
		ReportOptions{Formats: []string{"junit", "html"}, Dir: reports})

	rec, loc, err := record.Get(context.Background(), state.NewDir(stateDir), recordtest.RunID)
	if err != nil {
		t.Fatalf("record not stored: %v (stderr %s)", err, tio.err)
	}
	if rec.Run.ID != recordtest.RunID {
		t.Errorf("stored run %s", rec.Run.ID)
	}
	for _, name := range []string{recordtest.RunID + ".junit.xml", recordtest.RunID + ".html"} {
		if _, err := os.Stat(filepath.Join(reports, name)); err != nil {
			t.Error(err)
		}
	}
	mustContain(t, "stdout", tio.out.String(), loc, "gameday report "+recordtest.RunID, filepath.Join(reports, recordtest.RunID+".html"))
	if tio.err.Len() > 0 {
		t.Errorf("warnings: %s", tio.err)
	}
	for _, s := range recordtest.PlantedSecrets() {
		if strings.Contains(tio.out.String(), s) {
			t.Errorf("stdout contains %q", s)
		}
	}
}

// A report that cannot be written is a warning; the record is still kept.
func TestReportRunWarnsWhenReportsFail(t *testing.T) {
	gd, err := recordtest.GameDay()
	if err != nil {
		t.Fatal(err)
	}
	gd.Report.Slack = nil
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stateDir := t.TempDir()
	tio := newTestIO()
	reportRun(context.Background(), tio.f, nil, gd, record.Build(recordtest.Result(), gd), nil, stateDir, ReportOptions{Formats: []string{"json"}, Dir: filepath.Join(file, "x")})
	mustContain(t, "stderr", tio.err.String(), "warning", "not writing the json report")
	if _, _, err := record.Get(context.Background(), state.NewDir(stateDir), record.Latest); err != nil {
		t.Errorf("record not stored: %v", err)
	}
}
