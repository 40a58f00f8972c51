package config

import (
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Baseline is a `baseline` block inside objectives: the scenario's figures
// are compared with the median of its own last comparable runs, and the
// scenario "regressed" when a figure is worse by more than its margin (and
// by more than the two figures' resolutions).
//
//	baseline {
//	  runs     = 5        # the median of the last 5 comparable runs
//	  min_runs = 3        # fewer comparable runs: not judged yet
//	  margin   = "50%"    # every figure the run measures, unless set below
//	  rto      = "100%"   # RTO may double before it counts as a regression
//	  rpo      = "2s"     # an absolute margin
//	}
type Baseline struct {
	Runs    int
	MinRuns int
	// Margins are the figures judged, each with its margin: every figure
	// when Default is set (those set explicitly override it), otherwise
	// only those set.
	Margins map[string]Margin
	// Default is the `margin` argument, nil when absent.
	Default *Margin
	// explicit are the figures with a valid margin of their own.
	explicit   map[string]bool
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Margin is how much worse than the baseline's median a figure may be: a
// share of the median (Percent) or an absolute amount (Absolute, a
// duration for durations, a count for lost writes).
type Margin struct {
	Percent  float64
	Absolute int64
	Relative bool
	// Text is the margin as written ("50%", "10s", "3").
	Text string
}

// Baseline defaults and bounds.
const (
	DefaultBaselineRuns = 5
	MaxBaselineRuns     = 100
	defaultMinRuns      = 3
	// maxMarginPercent bounds a relative margin: beyond ×101 a margin
	// judges nothing.
	maxMarginPercent = 10000
)

// baselineDurationFigures and baselineCountFigures are the figures a
// baseline judges (engine/measure names the same).
var (
	baselineDurationFigures = []string{"rto", "time_to_detect", "failback", "rpo"}
	baselineCountFigures    = []string{"lost_writes"}
)

// BaselineFigures lists every figure a baseline can judge, in order.
func BaselineFigures() []string {
	return append(append([]string{}, baselineDurationFigures...), baselineCountFigures...)
}

// Judges reports whether the baseline judges figure fig (explicitly or
// through its default margin); a nil baseline judges nothing.
func (b *Baseline) Judges(fig string) bool {
	if b == nil {
		return false
	}
	_, ok := b.Margins[fig]
	return ok
}

// Explicit reports whether fig has its own margin in the block (as
// opposed to the default one): only then must it be measurable.
func (b *Baseline) Explicit(fig string) bool {
	if b == nil {
		return false
	}
	return b.explicit[fig]
}

func decodeBaseline(d *Decoder, blk *hcl.Block) *Baseline {
	a := d.Content(blk.Body, Schema(append([]string{"runs", "min_runs", "margin"}, BaselineFigures()...)))
	b := &Baseline{
		Runs:    a.Int("runs", DefaultBaselineRuns),
		Margins: map[string]Margin{}, explicit: map[string]bool{},
		DeclRange: blk.DefRange, AttrRanges: a.Ranges(),
	}
	if a.Has("runs") && (b.Runs < 1 || b.Runs > MaxBaselineRuns) {
		a.Errorf("runs", "Value out of range", "runs is how many comparable runs the median is taken over: from 1 to %d; %d was given.", MaxBaselineRuns, b.Runs)
		b.Runs = DefaultBaselineRuns
	}
	b.MinRuns = a.Int("min_runs", min(defaultMinRuns, b.Runs))
	if a.Has("min_runs") && (b.MinRuns < 1 || b.MinRuns > b.Runs) {
		a.Errorf("min_runs", "Value out of range", "min_runs is the fewest comparable runs that judge a figure: from 1 to runs (%d); %d was given.", b.Runs, b.MinRuns)
		b.MinRuns = min(defaultMinRuns, b.Runs)
	}
	if a.Has("margin") {
		if m, ok := margin(a, "margin", false, false); ok {
			b.Default = &m
			for _, f := range BaselineFigures() {
				b.Margins[f] = m
			}
		}
	}
	for _, f := range baselineDurationFigures {
		if m, ok := margin(a, f, true, false); ok {
			b.Margins[f], b.explicit[f] = m, true
		}
	}
	for _, f := range baselineCountFigures {
		if m, ok := margin(a, f, false, true); ok {
			b.Margins[f], b.explicit[f] = m, true
		}
	}
	if !a.Present("margin") && !anyPresent(a, BaselineFigures()) {
		d.Errorf(blk.DefRange, "Baseline without figures", "Say which figures are compared with the scenario's history: margin = \"50%%\" for every figure the run measures, or a margin per figure (%s).", quoteJoin(BaselineFigures(), "or"))
	}
	return b
}

func anyPresent(a *Args, names []string) bool {
	for _, n := range names {
		if a.Present(n) {
			return true
		}
	}
	return false
}

// margin reads a margin: a percentage string ("50%") always; a duration
// string ("10s") when duration is set; a whole number when count is set.
func margin(a *Args, name string, duration, count bool) (Margin, bool) {
	v := a.Value(name)
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() {
		return Margin{}, false
	}
	want := "a percentage of the median such as \"50%\""
	switch {
	case duration:
		want += " or a duration such as \"10s\""
	case count:
		want += " or a whole number of writes such as 3"
	default:
		want += " (margin applies to every figure, lost writes included; give absolute margins per figure, such as rto = \"10s\")"
	}
	if v.Type() == cty.Number && count {
		n := a.Int64(name, -1)
		if n < 0 {
			if a.Has(name) {
				a.Errorf(name, "Invalid margin", "The margin %q must be %s; %d is negative.", name, want, n)
			}
			return Margin{}, false
		}
		return Margin{Absolute: n, Text: strconv.FormatInt(n, 10)}, true
	}
	if v.Type() != cty.String {
		a.Errorf(name, "Invalid margin", "The margin %q must be %s.", name, want)
		return Margin{}, false
	}
	s := strings.TrimSpace(v.AsString())
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		p, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || p < 0 || p > maxMarginPercent {
			a.Errorf(name, "Invalid margin", "A percentage margin is a number from 0%% to %d%% of the median, such as \"50%%\"; %q is not one.", maxMarginPercent, s)
			return Margin{}, false
		}
		return Margin{Percent: p, Relative: true, Text: s}, true
	}
	if duration {
		dur, err := time.ParseDuration(s)
		if err == nil && dur >= 0 {
			return Margin{Absolute: int64(dur), Text: s}, true
		}
	}
	a.Errorf(name, "Invalid margin", "The margin %q must be %s; %q is not one.", name, want, s)
	return Margin{}, false
}

// checkBaseline refuses a figure given its own margin that the game day
// cannot measure: it would never be judged. Figures judged through the
// default margin are judged when measured.
func checkBaseline(d *Decoder, g *GameDay, b *Baseline) {
	if b == nil {
		return
	}
	for _, f := range []string{"rpo", "lost_writes"} {
		if b.Explicit(f) && len(g.Canaries) == 0 {
			d.Errorf(b.AttrRanges[f], "Baseline figure without canary", "%s comes from the records a canary wrote and lost; add a canary block to compare it with past runs, or remove %s from the baseline.", f, f)
		}
	}
	if b.Explicit("time_to_detect") && !hasDetector(g) {
		d.Errorf(b.AttrRanges["time_to_detect"], "Nothing detects the fault", "Time to detect is the first alarm after injection; add a cloudwatch_alarm stop condition or probe to compare it with past runs, or remove time_to_detect from the baseline.")
	}
}
