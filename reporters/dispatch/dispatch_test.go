package dispatch_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/reporters/dispatch"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

func fixture(t *testing.T) *record.Record {
	t.Helper()
	rec, err := recordtest.Record()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// Every format is written, named after the run, readable by others, and
// none contains a planted secret.
func TestWritesEveryFormatWithoutSecrets(t *testing.T) {
	rec := fixture(t)
	dir := filepath.Join(t.TempDir(), "reports")
	var console bytes.Buffer
	out, err := dispatch.Write(context.Background(), rec, &config.Report{Formats: dispatch.Formats(), Dir: dir}, dispatch.Options{Console: &console})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range out.Files {
		got = append(got, filepath.Base(w.Path))
		b, err := os.ReadFile(w.Path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 500 {
			t.Errorf("%s is only %d bytes", w.Path, len(b))
		}
		for _, s := range recordtest.PlantedSecrets() {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains the planted secret %q", w.Path, s)
			}
		}
		fi, _ := os.Stat(w.Path)
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v", w.Path, fi.Mode().Perm())
		}
	}
	id := recordtest.RunID
	want := []string{id + ".json", id + ".junit.xml", id + ".md", id + ".html"}
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if !strings.Contains(console.String(), "game day checkout-resilience — run "+id) {
		t.Errorf("console summary not printed: %q", console.String())
	}
	for _, s := range recordtest.PlantedSecrets() {
		if strings.Contains(console.String(), s) {
			t.Errorf("the console summary contains %q", s)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// --report and --report-dir replace the block's settings.
func TestOverrides(t *testing.T) {
	rec := fixture(t)
	blockDir := filepath.Join(t.TempDir(), "block")
	flagDir := filepath.Join(t.TempDir(), "flag")
	out, err := dispatch.Write(context.Background(), rec, &config.Report{Formats: []string{"json", "html"}, Dir: blockDir},
		dispatch.Options{Formats: []string{"junit"}, Dir: flagDir})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Files) != 1 || out.Files[0].Format != "junit" || filepath.Dir(out.Files[0].Path) != flagDir {
		t.Errorf("written %+v", out.Files)
	}
	if _, err := os.Stat(blockDir); !os.IsNotExist(err) {
		t.Errorf("the block's dir was used: %v", err)
	}
	formats, dir := dispatch.Selected(nil, dispatch.Options{})
	if len(formats) != 0 || dir != config.DefaultReportDir {
		t.Errorf("defaults: %v %q", formats, dir)
	}
}

// An unknown format is an error naming it; the known ones are still written.
func TestUnknownFormat(t *testing.T) {
	rec := fixture(t)
	dir := t.TempDir()
	out, err := dispatch.Write(context.Background(), rec, nil, dispatch.Options{Formats: []string{"pdf", "markdown"}, Dir: dir})
	if err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("error %v", err)
	}
	if len(out.Files) != 1 || out.Files[0].Format != "markdown" {
		t.Errorf("written %+v", out.Files)
	}
}

// A report directory that cannot be created fails every file format, and
// says so.
func TestUnwritableDir(t *testing.T) {
	rec := fixture(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := dispatch.Write(context.Background(), rec, nil, dispatch.Options{Formats: []string{"json"}, Dir: filepath.Join(file, "sub")})
	if err == nil || !strings.Contains(err.Error(), "not writing the json report") || len(out.Files) != 0 {
		t.Errorf("err %v, files %+v", err, out.Files)
	}
}

// Metrics configured without a CloudWatch client is a warning, never an error.
func TestMetricsWithoutClientIsAWarning(t *testing.T) {
	rec := fixture(t)
	cfg := &config.Report{Formats: []string{"json"}, Dir: t.TempDir(), Metrics: &config.Metrics{Namespace: "GameDay"}}
	out, err := dispatch.Write(context.Background(), rec, cfg, dispatch.Options{Notify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0].Error(), "not published") {
		t.Errorf("warnings %v", out.Warnings)
	}
	out, _ = dispatch.Write(context.Background(), rec, cfg, dispatch.Options{})
	if len(out.Warnings) != 0 || len(out.Notified) != 0 {
		t.Errorf("notified without Notify: %+v", out)
	}
}
