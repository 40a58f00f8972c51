package history

import (
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
)

// FigureDiff is one figure of one scenario in two runs.
type FigureDiff struct {
	Scenario, Figure, Unit string
	A, B                   Value
	// Change is B - A when both are known; Within is true when the change
	// is not more than the two resolutions combined: the runs cannot be
	// told apart on this figure.
	Change int64
	Within bool
	// Ratio is B / A (0 when A is 0 or either is unknown).
	Ratio float64
}

// RunDiff is two runs of a game day side by side.
type RunDiff struct {
	A, B *Entry
	// Figures are per scenario present in either run, in B's order then
	// A's, every figure either run measured.
	Figures []FigureDiff
	// OtherVersion lists the scenarios whose versions differ (or are not
	// known for one run): their figures are shown but may not compare.
	OtherVersion []string
}

// Diff puts two run records side by side (a, the reference; b, the run
// compared with it).
func Diff(a, b *record.Record) RunDiff {
	d := RunDiff{A: EntryOf(a), B: EntryOf(b)}
	var names []string
	seen := map[string]bool{}
	for _, e := range []*Entry{d.B, d.A} {
		for _, s := range e.Scenarios {
			if !seen[s.Name] {
				seen[s.Name] = true
				names = append(names, s.Name)
			}
		}
	}
	for _, name := range names {
		sa, sb := d.A.Scenario(name), d.B.Scenario(name)
		if sa == nil || sb == nil || sa.Hash == "" || sa.Hash != sb.Hash {
			d.OtherVersion = append(d.OtherVersion, name)
		}
		for _, fig := range measure.BaselineFigures() {
			fd := FigureDiff{Scenario: name, Figure: fig, Unit: Unit(fig)}
			if sa != nil {
				fd.A = sa.Value(fig)
			} else {
				fd.A = Value{Reason: "not in this run"}
			}
			if sb != nil {
				fd.B = sb.Value(fig)
			} else {
				fd.B = Value{Reason: "not in this run"}
			}
			if !fd.A.Known && !fd.B.Known && !fd.A.AtLeast && !fd.B.AtLeast {
				continue
			}
			if fd.A.Known && fd.B.Known {
				fd.Change = fd.B.Value - fd.A.Value
				fd.Within = abs(fd.Change) <= fd.A.Resolution+fd.B.Resolution
				if fd.A.Value > 0 {
					fd.Ratio = float64(fd.B.Value) / float64(fd.A.Value)
				}
			}
			d.Figures = append(d.Figures, fd)
		}
	}
	return d
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
