package command

import (
	"fmt"
	"slices"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/dispatch"
)

// checkState refuses a --state location before anything runs: a URL that
// does not parse, an S3 bucket name S3 would refuse, an unknown ?region=,
// and, when the verb will write there, a local directory that cannot be
// created or written. Nothing is contacted: S3 cannot be tested for writes
// without writing.
func checkState(raw string, write bool) error {
	loc, err := state.Parse(raw)
	if err != nil {
		return fmt.Errorf("--state: %w", err)
	}
	if loc.Region != "" {
		if err := config.CheckRegion(loc.Region); err != nil {
			return fmt.Errorf("--state %s: region=: %w", raw, err)
		}
	}
	if loc.Dir != "" && write {
		if err := checkWritableDir(loc.Dir); err != nil {
			return fmt.Errorf("--state: state %w", err)
		}
	}
	return nil
}

// checkReportDir refuses a report directory that cannot be written when a
// file format is selected, before the run instead of after its faults. The
// error names where the directory was set: --report-dir, the report block's
// dir (file and line), or the default.
func checkReportDir(cfg *config.Report, ro ReportOptions) error {
	formats, dir := dispatch.Selected(cfg, dispatch.Options{Formats: ro.Formats, Dir: ro.Dir})
	if !slices.ContainsFunc(formats, func(f string) bool { return f != dispatch.Console }) {
		return nil
	}
	err := checkWritableDir(dir)
	switch {
	case err == nil:
		return nil
	case ro.Dir != "":
		return fmt.Errorf("--report-dir: report %w", err)
	case cfg != nil && cfg.AttrRanges["dir"].Filename != "":
		r := cfg.AttrRanges["dir"]
		return fmt.Errorf("%s:%d: the report block's dir: report %w", r.Filename, r.Start.Line, err)
	}
	return fmt.Errorf("report %w (the default; set --report-dir or the report block's dir)", err)
}

// checkRunPaths checks the places a run of gd will write, before it starts.
func checkRunPaths(gd *config.GameDay, stateDir string, ro ReportOptions) []error {
	var report *config.Report
	if gd != nil {
		report = gd.Report
	}
	var errs []error
	for _, err := range []error{checkState(stateDir, true), checkReportDir(report, ro)} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// refusePaths prints each problem under what was refused ("not running
// FILE") and returns engine.ExitInvalid; nil when there is none.
func refusePaths(f *Factory, what string, problems []error) error {
	if len(problems) == 0 {
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(f.IO.ErrOut, "gameday: %s: %v\n", what, p)
	}
	fmt.Fprintf(f.IO.ErrOut, "gameday: nothing was touched.\n")
	return Silent(engine.ExitInvalid)
}
