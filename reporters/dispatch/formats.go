package dispatch

import (
	"io"

	"github.com/gameday-dev/gameday/reporters/html"
	"github.com/gameday-dev/gameday/reporters/jsonreport"
	"github.com/gameday-dev/gameday/reporters/junit"
	"github.com/gameday-dev/gameday/reporters/markdown"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Console is the format printed to the terminal rather than written to a file.
const Console = "console"

// Renderer is one file format.
type Renderer struct {
	Format string
	// Suffix ends the file name: <run-id><Suffix>.
	Suffix string
	Render func(io.Writer, *record.Record) error
}

// Renderers lists the file formats in the order they are written; the HTML
// report comes last so that notifiers can attach it.
func Renderers() []Renderer {
	return []Renderer{
		{Format: "json", Suffix: ".json", Render: jsonreport.Render},
		{Format: "junit", Suffix: ".junit.xml", Render: junit.Render},
		{Format: "markdown", Suffix: ".md", Render: markdown.Render},
		{Format: "html", Suffix: ".html", Render: html.Render},
	}
}

// Formats lists every format: console and the file formats.
func Formats() []string {
	out := []string{Console}
	for _, r := range Renderers() {
		out = append(out, r.Format)
	}
	return out
}

// Lookup returns the renderer of a file format.
func Lookup(format string) (Renderer, bool) {
	for _, r := range Renderers() {
		if r.Format == format {
			return r, true
		}
	}
	return Renderer{}, false
}
