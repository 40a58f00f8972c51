package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

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
// column are 1-based; File is empty for problems not tied to a file (a bad
// -var option).
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

// WriteDiagnostics prints diags to w: as text with source snippets and
// carets (files from Loader.Files; width 0 disables wrapping), or as a JSON
// array.
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
		if color {
			if err := hcl.NewDiagnosticTextWriter(w, files, width, true).WriteDiagnostics(diags); err != nil {
				return fmt.Errorf("writing diagnostics: %w", err)
			}
			return nil
		}
		return writeWithCarets(w, files, diags, width)
	}
	return fmt.Errorf("not writing diagnostics: unknown format %q (use text or json)", format)
}

// Escape sequences of hcl's text writer in colour mode.
const (
	escHighlight = "\x1b[1;4m"
	escReset     = "\x1b[0m"
)

// writeWithCarets prints diagnostics without colour, marking the subject
// under each source line with carets, which a log file or a CI page can
// show. It renders with hcl's writer in colour mode and turns the
// highlighted spans into caret lines, so the layout stays hcl's.
func writeWithCarets(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, width uint) error {
	var buf bytes.Buffer
	if err := hcl.NewDiagnosticTextWriter(&buf, files, width, true).WriteDiagnostics(diags); err != nil {
		return fmt.Errorf("writing diagnostics: %w", err)
	}
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		plain, marks := stripEscapes(line)
		out.WriteString(plain)
		if nl {
			out.WriteByte('\n')
		}
		if strings.Contains(line, escHighlight) {
			out.WriteString(marks)
			out.WriteByte('\n')
		}
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("writing diagnostics: %w", err)
	}
	return nil
}

// stripEscapes removes VT100 sequences from line and returns it with a
// line of carets under the highlighted runes (tabs kept, so columns align).
func stripEscapes(line string) (plain, carets string) {
	var p, c strings.Builder
	on := false
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			end := strings.IndexByte(line[i:], 'm')
			if end < 0 {
				break
			}
			seq := line[i : i+end+1]
			switch seq {
			case escHighlight:
				on = true
			case escReset:
				on = false
			}
			i += end + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		p.WriteRune(r)
		switch {
		case on:
			c.WriteByte('^')
		case r == '\t':
			c.WriteByte('\t')
		default:
			c.WriteByte(' ')
		}
		i += size
	}
	return p.String(), strings.TrimRight(c.String(), " \t")
}

// CountDiagnostics returns the number of errors and warnings in diags.
func CountDiagnostics(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}
