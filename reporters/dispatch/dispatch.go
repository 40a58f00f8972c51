package dispatch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/reporters/console"
	"github.com/gameday-dev/gameday/reporters/cwmetrics"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/slack"
)

// File modes of reports: they are meant to be shared (CI artifacts, wiki
// pages), unlike the record in the state directory.
const (
	dirMode  = 0o755
	fileMode = 0o644
)

// Options say what to write where. Zero values take the game day's report
// block.
type Options struct {
	// Formats override the report block's formats (--report); empty: the
	// block's.
	Formats []string
	// Dir overrides the report block's dir (--report-dir); empty: the
	// block's, else config.DefaultReportDir.
	Dir string
	// Console receives the console summary when "console" is selected; nil:
	// not printed (the run already printed it).
	Console io.Writer
	// Notify enables the report block's Slack and CloudWatch metrics.
	Notify bool
	// Slack tunes the Slack notifier (tests point it at a local server).
	Slack slack.Options
	// Notifier is the notifier that posted during the run (start message,
	// thread replies); the summary goes into its thread. nil: a new one.
	Notifier *slack.Notifier
	// CloudWatch publishes the metrics block's figures; nil: not published.
	CloudWatch awsapi.CloudWatch
}

// Written is one report file.
type Written struct {
	Format string
	Path   string
}

// Outcome is what Write did. Warnings are notifier failures: a report that
// did not reach Slack never fails the run.
type Outcome struct {
	Files    []Written
	Notified []string // "slack", "cloudwatch metrics (12 data points)"
	Warnings []error
}

// Write writes every selected format of rec, then notifies. The error
// joins the formats that could not be written; the others are written
// anyway.
func Write(ctx context.Context, rec *record.Record, cfg *config.Report, o Options) (Outcome, error) {
	var out Outcome
	formats, dir := Selected(cfg, o)
	var errs []error
	for _, f := range formats {
		if f != Console && !slices.Contains(Formats(), f) {
			errs = append(errs, fmt.Errorf("not writing the %q report: unknown format (use some of %v)", f, Formats()))
		}
	}
	if slices.Contains(formats, Console) && o.Console != nil {
		console.Summary(o.Console, rec)
	}
	var htmlReport []byte
	for _, r := range Renderers() {
		if !slices.Contains(formats, r.Format) {
			continue
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, rec); err != nil {
			errs = append(errs, fmt.Errorf("not writing the %s report: %w", r.Format, err))
			continue
		}
		path := filepath.Join(dir, rec.Run.ID+r.Suffix)
		if err := writeFile(path, buf.Bytes()); err != nil {
			errs = append(errs, fmt.Errorf("not writing the %s report: %w", r.Format, err))
			continue
		}
		if r.Format == "html" {
			htmlReport = buf.Bytes()
		}
		out.Files = append(out.Files, Written{Format: r.Format, Path: path})
	}
	if o.Notify && cfg != nil {
		out.notify(ctx, rec, cfg, o, htmlReport)
	}
	return out, errors.Join(errs...)
}

// Selected resolves the formats and directory from the block and options.
func Selected(cfg *config.Report, o Options) ([]string, string) {
	formats, dir := o.Formats, o.Dir
	if len(formats) == 0 && cfg != nil {
		formats = cfg.Formats
	}
	if dir == "" && cfg != nil {
		dir = cfg.Dir
	}
	if dir == "" {
		dir = config.DefaultReportDir
	}
	return formats, dir
}

// notify posts to Slack and publishes metrics as configured. Failures are
// warnings: the figures are already in the files.
func (out *Outcome) notify(ctx context.Context, rec *record.Record, cfg *config.Report, o Options, htmlReport []byte) {
	if cfg.Slack != nil {
		n := o.Notifier
		if n == nil {
			n = slack.New(cfg.Slack, o.Slack)
		}
		if n != nil {
			if err := n.Finish(ctx, rec, htmlReport); err != nil {
				out.Warnings = append(out.Warnings, fmt.Errorf("slack: %w", err))
			} else {
				out.Notified = append(out.Notified, "slack")
			}
		}
	}
	if m := cfg.Metrics; m != nil {
		if o.CloudWatch == nil {
			out.Warnings = append(out.Warnings, fmt.Errorf("cloudwatch metrics: not published: no CloudWatch client"))
			return
		}
		n, err := cwmetrics.Publish(ctx, o.CloudWatch, rec, m.Namespace, m.Dimensions)
		if err != nil {
			out.Warnings = append(out.Warnings, fmt.Errorf("cloudwatch metrics: %w", err))
			return
		}
		out.Notified = append(out.Notified, fmt.Sprintf("cloudwatch metrics (%d data points to %s)", n, m.Namespace))
	}
}

// writeFile writes whole files only: a temporary file renamed into place.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(fileMode)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}
