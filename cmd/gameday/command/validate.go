package command

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

// ValidateOptions are the inputs of `gameday validate`.
type ValidateOptions struct {
	Paths  []string // FILE|DIR arguments
	Format config.Format
	Load   config.LoadOptions
}

// NewCmdValidate returns the validate verb. runF replaces the run function
// in tests of flag parsing; nil means runValidate.
func NewCmdValidate(f *Factory, runF func(*ValidateOptions) error) *cli.Command {
	var lf LoadFlags
	var format string
	return &cli.Command{
		Name:      "validate",
		Usage:     "check game-day files without touching AWS",
		ArgsUsage: "FILE|DIR...",
		Description: "Loads every game-day file (a directory means every *.hcl file below it, except\n" +
			"*.vars.hcl) and reports every problem in every file, with the offending source\n" +
			"lines. Nothing is contacted: no AWS call, no probe. Flags go before the files.\n\n" +
			"Exit status: 0 when every file is valid (warnings allowed), 3 otherwise.\n\n" +
			"Examples:\n" +
			"   gameday validate experiments/\n" +
			"   gameday validate --var az=us-east-1b --var-file staging.vars.hcl staging.hcl\n" +
			"   gameday validate --format json experiments/ | jq '.diagnostics[]'",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Destination: &format, Usage: "output `FORMAT`: text (diagnostics with source snippets) or json"},
		}, lf.Flags()...),
		Action: func(c *cli.Context) error {
			opts := &ValidateOptions{Paths: c.Args().Slice(), Format: config.Format(format), Load: lf.Options(f)}
			if opts.Format != config.FormatText && opts.Format != config.FormatJSON {
				return usageErrorf(f, "validate", "unknown --format %q; use text or json", format)
			}
			if len(opts.Paths) == 0 {
				return usageErrorf(f, "validate", "no FILE or DIR given")
			}
			if err := flagAfterArgs(f, "validate", "FILE|DIR...", opts.Paths); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runValidate(c.Context, f, opts)
		},
	}
}

// validateFileResult is one file in the JSON output.
type validateFileResult struct {
	File     string `json:"file"`
	Valid    bool   `json:"valid"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
}

// validateJSON is the JSON output of validate.
type validateJSON struct {
	Valid       bool                    `json:"valid"`
	Files       []validateFileResult    `json:"files"`
	Diagnostics []config.JSONDiagnostic `json:"diagnostics"`
	Summary     string                  `json:"summary"`
}

// runValidate loads every file, each on its own: a file that cannot be
// read or parsed is reported and the others are still checked. A signal
// stops it between files.
func runValidate(ctx context.Context, f *Factory, opts *ValidateOptions) error {
	paths, err := config.ExpandPaths(opts.Paths, false)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not validating: %w", err)}
	}
	loader := newLoader(opts.Load)
	var all hcl.Diagnostics
	out := validateJSON{Files: []validateFileResult{}}
	valid, invalid := 0, 0
	now := time.Now()
	for _, p := range paths {
		if err := interrupted(ctx, "validate", "nothing was written"); err != nil {
			return err
		}
		gd, diags := loader.LoadFile(p)
		// What `gameday schedule` would refuse, validate refuses too.
		diags = append(diags, neverFires(gd, now, 0)...)
		errs, warns := config.CountDiagnostics(diags)
		out.Files = append(out.Files, validateFileResult{File: p, Valid: errs == 0, Errors: errs, Warnings: warns})
		if errs == 0 {
			valid++
		} else {
			invalid++
		}
		all = append(all, diags...)
	}
	if err := interrupted(ctx, "validate", "nothing was written"); err != nil {
		return err
	}
	errs, warns := config.CountDiagnostics(all)
	out.Valid = errs == 0
	out.Summary = validateSummary(valid, invalid, errs, warns)
	out.Diagnostics = config.ToJSON(all)

	switch opts.Format {
	case config.FormatJSON:
		enc := json.NewEncoder(f.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("writing the validation result: %w", err)}
		}
	default:
		if err := writeDiagnostics(f, loader.Files(), all); err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: err}
		}
		fmt.Fprintln(f.IO.Out, out.Summary)
	}
	if errs > 0 {
		return Silent(engine.ExitInvalid)
	}
	return nil
}

// validateSummary is the closing line: "3 files valid, 1 invalid: 4 errors".
func validateSummary(valid, invalid, errs, warns int) string {
	var b strings.Builder
	if invalid == 0 {
		fmt.Fprintf(&b, "%s valid", plural(valid, "file"))
	} else {
		fmt.Fprintf(&b, "%s valid, %d invalid: %s", plural(valid, "file"), invalid, plural(errs, "error"))
	}
	if warns > 0 {
		fmt.Fprintf(&b, ", %s", plural(warns, "warning"))
	}
	return b.String()
}
