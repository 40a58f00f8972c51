package history

import (
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
)

const sec = int64(time.Second)

func samples(res int64, secs ...float64) []Sample {
	out := make([]Sample, len(secs))
	for i, s := range secs {
		out[i] = Sample{Run: "r" + string(rune('a'+i)), Value: int64(s * float64(time.Second)), Resolution: res}
	}
	return out
}

var pct50 = config.Margin{Percent: 50, Relative: true, Text: "50%"}

func TestCompareRegressedOverMarginAndResolution(t *testing.T) {
	// Median of 10, 12, 14, 11, 13 is 12s; 34s is ×2.8, far over +50%.
	fb := Compare(Rule{Figure: measure.FigRTO, Runs: 5, MinRuns: 3, Margin: pct50},
		Value{Value: 34 * sec, Resolution: int64(250 * time.Millisecond), Known: true},
		samples(int64(250*time.Millisecond), 10, 12, 14, 11, 13))
	if fb.Status != measure.BaselineRegressed || fb.Median != 12*sec || fb.Runs != 5 || fb.Allowed != 6*sec {
		t.Fatalf("%+v", fb)
	}
	if fb.Ratio != 2.83 {
		t.Errorf("ratio %v", fb.Ratio)
	}
	for _, want := range []string{"RTO 34s (±250ms)", "median of last 5: 12s", "regressed ×2.8", "+50%"} {
		if !strings.Contains(fb.Text, want) {
			t.Errorf("text %q lacks %q", fb.Text, want)
		}
	}
	// Points are the compared runs, oldest first.
	if len(fb.Points) != 5 || fb.Points[0].Run != "re" || fb.Points[4].Run != "ra" {
		t.Errorf("points %+v", fb.Points)
	}
}

func TestCompareWithinMargin(t *testing.T) {
	fb := Compare(Rule{Figure: measure.FigRTO, Runs: 5, MinRuns: 3, Margin: pct50},
		Value{Value: 17 * sec, Resolution: sec, Known: true}, samples(sec, 12, 12, 12))
	if fb.Status != measure.BaselineWithin || fb.Reason != "" {
		t.Fatalf("17s against a 12s median +50%% (18s): %+v", fb)
	}
}

// A change inside the resolution is never a regression, however small
// the margin.
func TestCompareInsideResolutionIsNeverARegression(t *testing.T) {
	zero := config.Margin{Percent: 0, Relative: true, Text: "0%"}
	// 12s ±1s against a median of 10s ±1s: worse by 2s, the resolutions
	// combined are 2s — not more than them.
	fb := Compare(Rule{Figure: measure.FigRTO, Runs: 3, MinRuns: 3, Margin: zero},
		Value{Value: 12 * sec, Resolution: sec, Known: true}, samples(sec, 10, 10, 10))
	if fb.Status != measure.BaselineWithin || !strings.Contains(fb.Reason, "not a regression") {
		t.Fatalf("%+v", fb)
	}
	// One millisecond more than the resolutions combined is one.
	fb = Compare(Rule{Figure: measure.FigRTO, Runs: 3, MinRuns: 3, Margin: zero},
		Value{Value: 12*sec + int64(time.Millisecond), Resolution: sec, Known: true}, samples(sec, 10, 10, 10))
	if fb.Status != measure.BaselineRegressed {
		t.Fatalf("%+v", fb)
	}
	// The median's resolution is its own runs': a coarse baseline widens
	// the band.
	fb = Compare(Rule{Figure: measure.FigRTO, Runs: 3, MinRuns: 3, Margin: zero},
		Value{Value: 14 * sec, Resolution: int64(100 * time.Millisecond), Known: true}, samples(5*sec, 10, 10, 10))
	if fb.Status != measure.BaselineWithin {
		t.Fatalf("4s worse with ±5s baseline resolution: %+v", fb)
	}
}

func TestCompareAbsoluteMarginAndEvenMedian(t *testing.T) {
	abs := config.Margin{Absolute: 2 * sec, Text: "2s"}
	// Median of 4 values: mean of the two middle ones (10, 12 -> 11s).
	fb := Compare(Rule{Figure: measure.FigRPO, Runs: 4, MinRuns: 2, Margin: abs},
		Value{Value: 14 * sec, Resolution: int64(100 * time.Millisecond), Known: true},
		[]Sample{{"a", 10 * sec, int64(100 * time.Millisecond)}, {"b", 12 * sec, int64(200 * time.Millisecond)}, {"c", 2 * sec, 0}, {"d", 30 * sec, 0}})
	if fb.Median != 11*sec || fb.MedianResolution != int64(200*time.Millisecond) || fb.Allowed != 2*sec || fb.Status != measure.BaselineRegressed {
		t.Fatalf("%+v", fb)
	}
}

func TestCompareOnlyTheLastRuns(t *testing.T) {
	// Newest first: only the 3 newest (30, 31, 32) make the median.
	fb := Compare(Rule{Figure: measure.FigRTO, Runs: 3, MinRuns: 3, Margin: pct50},
		Value{Value: 40 * sec, Resolution: sec, Known: true}, samples(sec, 30, 31, 32, 1, 1, 1, 1))
	if fb.Median != 31*sec || fb.Status != measure.BaselineWithin || fb.Runs != 3 {
		t.Fatalf("%+v", fb)
	}
}

func TestCompareNotJudged(t *testing.T) {
	r := Rule{Figure: measure.FigRTO, Runs: 5, MinRuns: 3, Margin: pct50}
	fb := Compare(r, Value{Value: 90 * sec, Resolution: sec, Known: true}, samples(sec, 10, 10))
	if fb.Status != measure.BaselineNotJudged || !strings.Contains(fb.Reason, "2 comparable run(s) measured it, 3 needed") {
		t.Errorf("too few runs: %+v", fb)
	}
	fb = Compare(r, Value{Reason: "no recovery probe is configured"}, samples(sec, 10, 10, 10))
	if fb.Status != measure.BaselineNotJudged || !strings.Contains(fb.Text, "not measured in this run: no recovery probe") {
		t.Errorf("unmeasured: %+v", fb)
	}
	// A lower bound within the margin says nothing; one beyond it does.
	fb = Compare(r, Value{Value: 12 * sec, Resolution: sec, AtLeast: true, Reason: "not recovered"}, samples(sec, 10, 10, 10))
	if fb.Status != measure.BaselineNotJudged {
		t.Errorf("lower bound within: %+v", fb)
	}
	fb = Compare(r, Value{Value: 60 * sec, Resolution: sec, AtLeast: true, Reason: "not recovered"}, samples(sec, 10, 10, 10))
	if fb.Status != measure.BaselineRegressed || !strings.HasPrefix(fb.Text, "RTO > 1m0s") {
		t.Errorf("lower bound beyond: %+v", fb)
	}
}

func TestCompareLostWrites(t *testing.T) {
	r := Rule{Figure: measure.FigLostWrites, Runs: 5, MinRuns: 3, Margin: config.Margin{Absolute: 3, Text: "3"}}
	base := []Sample{{"a", 2, 0}, {"b", 3, 0}, {"c", 2, 0}}
	if fb := Compare(r, Value{Value: 5, Known: true}, base); fb.Status != measure.BaselineWithin {
		t.Errorf("5 lost against 2 +3: %+v", fb)
	}
	fb := Compare(r, Value{Value: 6, Known: true}, base)
	if fb.Status != measure.BaselineRegressed || fb.Unit != measure.UnitWrites || !strings.Contains(fb.Text, "lost writes 6; median of last 3: 2") {
		t.Errorf("6 lost against 2 +3: %+v", fb)
	}
}
