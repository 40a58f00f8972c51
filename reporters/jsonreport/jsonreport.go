// Package jsonreport writes the JSON report: the run record itself, so that
// machines read exactly what the other reports were rendered from.
package jsonreport

import (
	"io"

	"github.com/gameday-dev/gameday/reporters/record"
)

// Render writes rec as indented JSON.
func Render(w io.Writer, rec *record.Record) error { return record.Encode(w, rec) }
