package html

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Timeline geometry, in SVG user units (pixels at 100 % zoom).
const (
	svgWidth   = 1300
	labelWidth = 250
	rightPad   = 20
	rowHeight  = 20
	rowGap     = 4
	axisHeight = 26
	markHeight = 48 // room for three rows of marker labels above the lanes
	groupGap   = 10
)

// svg draws the lanes and markers between from and to (seconds after the
// run's start). Everything is inline: no script, no font, no network.
func svg(m *model, from, to float64, title string) string {
	if to <= from {
		to = from + 1
	}
	plotW := float64(svgWidth - labelWidth - rightPad)
	x := func(t float64) float64 {
		t = math.Max(from, math.Min(to, t))
		return float64(labelWidth) + (t-from)/(to-from)*plotW
	}
	var lanes []lane
	for _, l := range m.lanes {
		for _, s := range l.spans {
			if s.to > from && s.from < to {
				lanes = append(lanes, l)
				break
			}
		}
	}
	height := markHeight + axisHeight
	prev := ""
	for _, l := range lanes {
		if l.group != prev && prev != "" {
			height += groupGap
		}
		prev = l.group
		height += rowHeight + rowGap
	}
	height += 8

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		svgWidth, height, svgWidth, height, esc(title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	b.WriteString(`<rect class="bg" x="0" y="0" width="100%" height="100%"/>`)

	// Time axis.
	axisY := markHeight + axisHeight - 6
	step := tickStep(to - from)
	for t := math.Ceil(from/step) * step; t <= to+1e-9; t += step {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, x(t), axisY, x(t), height-4)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d">+%s</text>`, x(t), axisY-4, tickLabel(t))
	}

	// Lanes.
	y := markHeight + axisHeight
	prev = ""
	for _, l := range lanes {
		if l.group != prev && prev != "" {
			y += groupGap
		}
		prev = l.group
		fmt.Fprintf(&b, `<text class="label" x="%d" y="%d">%s<title>%s</title></text>`, labelWidth-8, y+rowHeight-6, esc(clip(l.label, 34)), esc(l.group+": "+l.label))
		fmt.Fprintf(&b, `<rect class="lane" x="%d" y="%d" width="%.1f" height="%d"/>`, labelWidth, y, plotW, rowHeight)
		for _, s := range l.spans {
			if s.to <= from || s.from >= to {
				continue
			}
			x0, x1 := x(s.from), x(s.to)
			w := math.Max(x1-x0, 1.5) // a single short event stays visible
			fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%d" width="%.1f" height="%d"><title>%s</title></rect>`, s.class, x0, y, w, rowHeight, esc(s.title))
			if l.group == "scenarios" && w > 60 {
				fmt.Fprintf(&b, `<text class="spanlabel" x="%.1f" y="%d">%s</text>`, x0+4, y+rowHeight-6, esc(clip(s.title, int(w/7))))
			}
		}
		y += rowHeight + rowGap
	}

	// Markers over everything; each label goes on the first of three rows
	// where it does not run into the previous label.
	var rowEnd [3]float64
	for _, mk := range m.markers {
		if mk.at < from || mk.at > to {
			continue
		}
		mx := x(mk.at)
		row := 0
		for r := range rowEnd {
			if rowEnd[r] < mx {
				row = r
				break
			}
			if rowEnd[r] < rowEnd[row] {
				row = r
			}
		}
		labelW := 6.5*float64(len(mk.label)) + 8
		rowEnd[row] = mx + labelW
		ly := 12 + 14*row
		// Near the right edge the label goes to the left of its line.
		tx, anchor := mx+3, "start"
		if mx+labelW > svgWidth {
			tx, anchor = mx-3, "end"
		}
		fmt.Fprintf(&b, `<g class="marker %s"><line x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text x="%.1f" y="%d" text-anchor="%s">%s</text><title>%s</title></g>`,
			mk.class, mx, ly+3, mx, height-4, tx, ly, anchor, esc(mk.label), esc(mk.title))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }

func clip(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		if n < 2 {
			return ""
		}
		return s
	}
	return string(r[:n-1]) + "…"
}

// tickStep chooses an axis step giving about 8 to 20 ticks.
func tickStep(span float64) float64 {
	for _, s := range []float64{0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200} {
		if span/s <= 20 {
			return s
		}
	}
	return 14400
}

func tickLabel(t float64) string {
	if t < 60 {
		return fmt.Sprintf("%gs", math.Round(t*10)/10)
	}
	mins := int(t) / 60
	sec := t - float64(mins*60)
	if mins < 60 {
		return fmt.Sprintf("%dm%02.0fs", mins, sec)
	}
	return fmt.Sprintf("%dh%02dm", mins/60, mins%60)
}
