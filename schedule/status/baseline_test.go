package status

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/runner"
)

// A scheduled run judged against its history: /metrics has a
// gameday_regressed gauge per judged figure and the median it was judged
// against; a figure not judged is absent; /status carries the baseline.
func TestBaselineInStatusAndMetrics(t *testing.T) {
	s, stop := scheduledWith(t, func() *runner.Result {
		b := &measure.Baseline{Runs: 5, MinRuns: 3, Hash: "0123456789abcdef", Compared: []string{"a", "b", "c"}, Figures: []measure.FigureBaseline{
			{Figure: measure.FigRTO, Unit: measure.UnitNS, Status: measure.BaselineRegressed, Observed: int64(34 * time.Second), Median: int64(12 * time.Second), Runs: 3},
			{Figure: measure.FigFailback, Unit: measure.UnitNS, Status: measure.BaselineWithin, Observed: int64(5 * time.Second), Median: int64(5 * time.Second), Runs: 3},
			{Figure: measure.FigLostWrites, Unit: measure.UnitWrites, Status: measure.BaselineWithin, Observed: 2, Median: 3, Runs: 3},
			{Figure: measure.FigTimeToDetect, Unit: measure.UnitNS, Status: measure.BaselineNotJudged, Reason: "1 comparable run(s) measured it, 3 needed"},
		}}
		return &runner.Result{RunID: "r1", Status: "failed", Scenarios: []runner.ScenarioResult{{Name: "one", Measure: &measure.Result{
			Recovery: measure.Recovery{RTO: measure.Duration{Status: measure.Measured, Value: 34 * time.Second}},
			Verdict:  measure.Verdict{Outcome: measure.OutcomeRegressed}, Baseline: b,
		}}}}
	})
	defer stop()
	h := Handler(s)
	serve := func(path string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		return rec.Body.String()
	}
	metrics := serve("/metrics")
	for _, want := range []string{
		"# TYPE gameday_regressed gauge",
		`gameday_regressed{gameday="nightly-web",scenario="one",figure="rto"} 1`,
		`gameday_regressed{gameday="nightly-web",scenario="one",figure="failback"} 0`,
		`gameday_regressed{gameday="nightly-web",scenario="one",figure="lost_writes"} 0`,
		`gameday_baseline_median_seconds{gameday="nightly-web",scenario="one",figure="rto"} 12`,
		`gameday_baseline_median_lost_writes{gameday="nightly-web",scenario="one",figure="lost_writes"} 3`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, metrics)
		}
	}
	if strings.Contains(metrics, `figure="time_to_detect"`) {
		t.Errorf("a figure that was not judged is exported:\n%s", metrics)
	}
	var st struct {
		GameDays []struct {
			Last struct {
				Scenarios []struct {
					Outcome  string           `json:"outcome"`
					Baseline measure.Baseline `json:"baseline"`
				} `json:"scenarios"`
			} `json:"last_result"`
		} `json:"gamedays"`
	}
	if err := json.Unmarshal([]byte(serve("/status")), &st); err != nil {
		t.Fatal(err)
	}
	sc := st.GameDays[0].Last.Scenarios[0]
	if sc.Outcome != measure.OutcomeRegressed || len(sc.Baseline.Figures) != 4 || sc.Baseline.Figures[3].Reason == "" {
		t.Errorf("/status scenario %+v", sc)
	}
}
