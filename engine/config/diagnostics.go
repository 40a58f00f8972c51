package config

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/hashicorp/hcl/v2"
)

// Format is an output format for diagnostics.
type Format string

// Diagnostic output formats.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// JSONDiagnostic is one diagnostic in machine-readable form. Line and
// column are 1-based. A problem with a --var option has File "--var" and
// Line the option's place among the --var options (1 for the first), the
// column counting in its NAME=VALUE text; one with a GAMEDAY_VAR_<name>
// environment variable has File "env GAMEDAY_VAR_<name>".
type JSONDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"`
	Severity  string `json:"severity"`
	Summary   string `json:"summary"`
	Detail    string `json:"detail"`
}

// ToJSON converts diags for JSON output.
func ToJSON(diags hcl.Diagnostics) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(diags))
	for _, d := range diags {
		jd := JSONDiagnostic{Severity: "error", Summary: d.Summary, Detail: d.Detail}
		if d.Severity == hcl.DiagWarning {
			jd.Severity = "warning"
		}
		if d.Subject != nil {
			jd.File = d.Subject.Filename
			jd.Line, jd.Column = d.Subject.Start.Line, d.Subject.Start.Column
			jd.EndLine, jd.EndColumn = d.Subject.End.Line, d.Subject.End.Column
		}
		out = append(out, jd)
	}
	return out
}

// WriteDiagnostics prints diags to w: as text with source snippets (files
// from Loader.Files; width 0 disables wrapping), the subjects highlighted in
// colour or, without colour, marked with carets; or as a JSON array.
func WriteDiagnostics(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, format Format, width uint, color bool) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ToJSON(diags)); err != nil {
			return fmt.Errorf("writing diagnostics as JSON: %w", err)
		}
		return nil
	case FormatText, "":
		return writeText(w, files, diags, width, color)
	}
	return fmt.Errorf("not writing diagnostics: unknown format %q (use text or json)", format)
}

// CountDiagnostics returns the number of errors and warnings in diags,
// including those a capped list only counts (MaxDiagnosticsPerFile).
func CountDiagnostics(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if om, ok := d.Extra.(omitted); ok {
			errs += om.errors
			warns += om.warnings
			continue
		}
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}
