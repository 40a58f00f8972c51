// Package trend draws a figure's values across runs: a terminal sparkline
// and a small inline SVG chart, both with gaps where a run did not
// measure the figure. The history report and the run reports (the trend
// beside a scenario's timeline) share it.
package trend

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Point is one run's value; Known false leaves a gap. Flag marks a point
// drawn apart (a regression). Label names it in the chart's tooltips.
type Point struct {
	Value float64
	Known bool
	Flag  bool
	Label string
}

// ticks are the sparkline's eight levels, lowest first.
var ticks = []rune("▁▂▃▄▅▆▇█")

// Spark renders points oldest first as one character each: the level
// of the value between zero and the series' maximum, and "·" for a run
// that did not measure the figure. Zero-based, like the chart, so that a
// few milliseconds of jitter do not draw as a cliff; a series of zeros
// sits on the lowest level.
func Spark(points []Point) string {
	_, hi, ok := bounds(points)
	var b strings.Builder
	for _, p := range points {
		switch {
		case !p.Known:
			b.WriteRune('·')
		case !ok || hi <= 0:
			b.WriteRune(ticks[0])
		default:
			i := int(math.Round(p.Value / hi * float64(len(ticks)-1)))
			b.WriteRune(ticks[max(0, min(len(ticks)-1, i))])
		}
	}
	return b.String()
}

func bounds(points []Point) (lo, hi float64, ok bool) {
	for _, p := range points {
		if !p.Known {
			continue
		}
		if !ok {
			lo, hi, ok = p.Value, p.Value, true
		}
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	return lo, hi, ok
}

// Chart geometry, in SVG user units.
const (
	chartPad = 4
)

// SVG draws points oldest first as a line chart of width × height from
// zero to the series' maximum, with a dot per measured run (class "flag"
// for flagged ones, which the page colours) and a gap for unmeasured
// runs. title names the chart for screen readers; format renders a value
// in the tooltips. Everything is inline: no script, no font.
func SVG(points []Point, width, height int, title string, format func(float64) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		width, height, width, height, esc(title), esc(title))
	_, hi, ok := bounds(points)
	if !ok || len(points) == 0 {
		b.WriteString(`</svg>`)
		return b.String()
	}
	if hi <= 0 {
		hi = 1
	}
	plotW, plotH := float64(width-2*chartPad), float64(height-2*chartPad)
	x := func(i int) float64 {
		if len(points) == 1 {
			return float64(width) / 2
		}
		return chartPad + float64(i)/float64(len(points)-1)*plotW
	}
	y := func(v float64) float64 { return chartPad + plotH - v/hi*plotH }
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, chartPad, y(0), width-chartPad, y(0))
	var path []string
	for i, p := range points {
		if !p.Known {
			if len(path) > 1 {
				fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(path, " "))
			}
			path = path[:0]
			continue
		}
		path = append(path, fmt.Sprintf("%.1f,%.1f", x(i), y(p.Value)))
	}
	if len(path) > 1 {
		fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(path, " "))
	}
	for i, p := range points {
		if !p.Known {
			continue
		}
		class := "dot"
		if p.Flag {
			class = "dot flag"
		}
		fmt.Fprintf(&b, `<circle class="%s" cx="%.1f" cy="%.1f" r="2.5"><title>%s</title></circle>`, class, x(i), y(p.Value), esc(p.Label+": "+format(p.Value)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }
