// Package html writes the HTML report: one self-contained file (inline CSS
// and SVG, no script, no external font or image) that opens without a
// network. Its SVG timeline shows a pass/fail band per probe, fault spans,
// alarm states, the RTO / detect / failback markers and lost canary writes,
// for the whole run and for each scenario.
package html

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

//go:embed page.html.tmpl
var pageSource string

//go:embed style.css
var styleSource string

// Render writes rec as one HTML file.
func Render(w io.Writer, rec *record.Record) error {
	t, err := template.New("page").Funcs(template.FuncMap{
		"recovered":    recovered,
		"targets":      targets,
		"timeOr":       timeOr,
		"join":         strings.Join,
		"offset":       offset,
		"verdict":      verdict,
		"scenarioNote": scenarioNote,
		"check":        check,
		"tier":         (*record.Measure).TierText,
		"excluded":     excluded,
	}).Parse(pageSource)
	if err != nil {
		return fmt.Errorf("the HTML report template does not parse: %w", err)
	}
	m := build(rec)
	data := page{Rec: rec, CSS: template.CSS(styleSource), Status: statusOf(rec), Note: outcomeNote(rec)}
	data.Overview = template.HTML(svg(m, 0, m.end, "Timeline of run "+rec.Run.ID))
	for _, sc := range rec.Scenarios {
		ps := pageScenario{Scenario: sc}
		if sc.Measure != nil {
			ps.Baseline = baselineOf(sc.Measure.Baseline)
		}
		for _, c := range rec.GameDay.Scenarios {
			if c.Name == sc.Name {
				ps.Description = c.Description
			}
		}
		if sc.Started != nil && sc.Ended != nil {
			from := sc.Started.Sub(rec.Run.Started.Time).Seconds()
			to := sc.Ended.Sub(rec.Run.Started.Time).Seconds()
			pad := (to - from) * 0.03
			ps.Timeline = template.HTML(svg(m, from-pad, to+pad, "Timeline of scenario "+sc.Name))
		}
		data.Scenarios = append(data.Scenarios, ps)
	}
	for _, e := range rec.Timeline {
		switch e.Type {
		case "check", "canary_write", "note":
			continue
		}
		data.Events = append(data.Events, e)
	}
	if err := t.Execute(w, data); err != nil {
		return fmt.Errorf("writing the HTML report of run %s: %w", rec.Run.ID, err)
	}
	return nil
}

type page struct {
	Rec       *record.Record
	CSS       template.CSS
	Status    status
	Note      *note
	Overview  template.HTML
	Scenarios []pageScenario
	Events    []record.Event
}

type pageScenario struct {
	record.Scenario
	Description string
	Timeline    template.HTML
	// Baseline is drawn beside the timeline; nil without a baseline.
	Baseline *baselineView
}

func recovered(while string) string {
	switch while {
	case "fault_active":
		return " (self-healed)"
	case "":
		return ""
	}
	return " (" + strings.ReplaceAll(while, "_", " ") + ")"
}

func targets(ts []record.Target) string {
	var parts []string
	for i, t := range ts {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ts)-5))
			break
		}
		s := t.ID
		if t.AZ != "" {
			s += " (" + t.AZ + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func timeOr(t *record.Time, def string) string {
	if t == nil {
		return def
	}
	return t.String()
}

// offset is a time relative to the run's start: "+1.500s", or "-0.038s"
// for an event the run saw before it started (an alarm's own timestamp).
func offset(ns int64) string { return fmt.Sprintf("%+.3fs", float64(ns)/1e9) }
