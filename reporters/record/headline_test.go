package record

import (
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/runner"
)

// The game day's status never says PASSED without a judged objective, and
// says why when it is not met.
func TestGameDayOutcome(t *testing.T) {
	met := judged{name: "a", outcome: OutcomeMet}
	obs := judged{name: "b", outcome: OutcomeObserved}
	missed := judged{name: "c", outcome: OutcomeMissed, missed: []string{"rto", "rpo"}}
	none := judged{name: "d", outcome: OutcomeNoEffect, reason: "d/ec2_kill.web: no target changed after injection"}
	stop := judged{name: "e", outcome: OutcomeAborted, reason: "alarm x is in ALARM"}
	for _, tc := range []struct {
		name    string
		aborted string
		scs     []judged
		want    string
	}{
		{"all observed", "", []judged{obs, obs}, "OBSERVED: no objectives"},
		{"met", "", []judged{met}, "PASSED: every objective met"},
		{"met and observed", "", []judged{met, obs}, "PASSED: every objective met; 1 scenario(s) without objectives only observed"},
		{"missed", "", []judged{met, missed}, "FAILED: c missed rto, rpo"},
		{"no effect", "", []judged{met, none}, "NO EFFECT: d/ec2_kill.web: no target changed after injection"},
		{"missed and no effect", "", []judged{none, missed}, "FAILED: c missed rto, rpo; no effect: d/ec2_kill.web: no target changed after injection"},
		{"scenario aborted", "", []judged{met, stop, missed}, "ABORTED: e: alarm x is in ALARM"},
		{"run aborted", "interrupted", []judged{met}, "ABORTED: interrupted"},
		{"nothing measured", "", nil, "OBSERVED: no scenario was measured"},
	} {
		if got := Headline(gameDayOutcome(tc.aborted, tc.scs)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHeadlineTellsAnAPIFailureFromAStopCondition(t *testing.T) {
	res := &runner.Result{Aborted: "fault s/ec2_kill.a: TerminateInstances failed: RequestLimitExceeded", AbortCause: runner.CauseAWSAPI}
	if got := headline(res); !strings.Contains(got, "ABORTED: the AWS API failed, not a stop condition") {
		t.Errorf("headline %q does not say the AWS API failed", got)
	}
	res = &runner.Result{Aborted: "stop condition cloudwatch_alarm.errors: alarm x in ALARM", AbortCause: runner.CauseStopCondition}
	if got := headline(res); strings.Contains(got, "AWS API") {
		t.Errorf("headline %q blames the API for a stop condition", got)
	}
}

// headline is the status line of the record built from res.
func headline(res *runner.Result) string {
	rec := Build(res, nil)
	return Headline(rec.Verdict.Outcome, rec.Verdict.Reason)
}
