package console

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

func TestSummaryShowsFiguresVerdictsAndLeftovers(t *testing.T) {
	res := recordtest.MustRecord(t)
	var out bytes.Buffer
	Summary(&out, res)
	s := out.String()
	for _, sc := range res.Scenarios {
		if !strings.Contains(s, sc.Name) {
			t.Errorf("summary lacks scenario %q", sc.Name)
		}
	}
	if len(res.Leftovers) == 0 {
		t.Fatal("fixture has no leftover: the test cannot check them")
	}
	if !strings.Contains(s, "NOT REVERTED") || !strings.Contains(s, res.Leftovers[0].Targets[0].ID) {
		t.Errorf("summary does not list what was left unreverted:\n%s", s)
	}
	if !regexp.MustCompile(`\(±[0-9.]+m?s\)`).MatchString(s) {
		t.Errorf("no figure carries its resolution:\n%s", s)
	}
	if !strings.Contains(s, res.Run.ID) {
		t.Error("summary does not name the run")
	}
}

func TestPlainProgressPrintsTimestampedTransitionsOnly(t *testing.T) {
	var out bytes.Buffer
	p := NewProgress(&out, false, 0)
	tl := &engine.Timeline{}
	p.Attach(tl, nil)
	check := func(ok bool) {
		tl.Add(engine.Event{Type: engine.EvCheck, Source: "http.health", OK: ok, Probe: &engine.ProbeResult{OK: ok, Observed: "200"}})
	}
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "inject"})
	check(true)
	check(true) // no line: nothing changed
	check(false)
	check(false)
	check(true)
	tl.Add(engine.Event{Type: engine.EvFaultReverted, Scenario: "s", Value: "s/nat.a#1", Detail: "reverted and verified"})
	p.Close()
	tl.Add(engine.Event{Type: engine.EvPhase, Scenario: "s", Value: "late"}) // after Close: dropped
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{"[s] inject", "probe http.health passing", "probe http.health FAILING", "probe http.health passing", "[s] reverted s/nat.a#1"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %q, want it to contain %q", i, lines[i], w)
		}
		if _, err := time.Parse("2006-01-02T15:04:05.000Z", strings.Fields(lines[i])[0]); err != nil {
			t.Errorf("line %d has no UTC timestamp: %q", i, lines[i])
		}
	}
}

// Each outcome is said in its own words, from the status line down to the
// objective marks: PASSED only when objectives were judged and met.
func TestSummaryWordsEveryOutcome(t *testing.T) {
	for _, tc := range []struct {
		outcome string
		want    []string
		not     []string
	}{
		{"met", []string{"\nPASSED: every objective met\n", "  met  ", "ok   rto"}, []string{"partial", "NO EFFECT"}},
		{"missed", []string{"\nFAILED: lose-one-web-instance missed rto\n", "MISSED rto", "MISS rto"}, []string{"PASSED"}},
		{"aborted", []string{"\nABORTED: " + recordtest.AbortReason + "\n", "ABORTED (partial)",
			"aborted: " + recordtest.AbortReason + " — the figures are partial", "observed 5.8s (±1s) (partial)"}, []string{"PASSED", " met "}},
		{"observed", []string{"\nOBSERVED: no objectives\n", "  observed  ", "observed: no objectives — figures only, nothing judged"}, []string{"PASSED", " met "}},
		{"no effect", []string{"\nNO EFFECT: lose-one-web-instance/ec2_kill.web: " + recordtest.NoEffectReason + "\n", "  NO EFFECT  ",
			"--   rto", "tier not assessed (no effect)", "no effect: " + recordtest.NoEffectReason + ";"}, []string{"PASSED", "ok   rto", "multi-site"}},
		{"regressed", []string{"\nREGRESSED: lose-one-web-instance: RTO 5.8s (±1s); median of last 5: 1.9", "regressed ×3", "  REGRESSED rto  ",
			"regressed: a figure is worse than this scenario's own history allows", "ok   rto", "baseline: the last 5 comparable run(s) of this scenario version (" + recordtest.BaselineHash + "), 5 found",
			"REGR RTO 5.8s", "skipped " + recordtest.SkippedRun + ": " + recordtest.SkippedReason}, []string{"PASSED", "MISS"}},
	} {
		var out bytes.Buffer
		Summary(&out, recordtest.OutcomeRecord(t, tc.outcome))
		s := out.String()
		for _, w := range append(tc.want, "excluded as protected: "+recordtest.ProtectedID+" (Environment=production)") {
			if !strings.Contains(s, w) {
				t.Errorf("%s: summary lacks %q:\n%s", tc.outcome, w, s)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(s, w) {
				t.Errorf("%s: summary says %q:\n%s", tc.outcome, w, s)
			}
		}
	}
}

// The fixture run was aborted and left a change: the status says both.
func TestSummaryStatusOfTheFixture(t *testing.T) {
	var out bytes.Buffer
	Summary(&out, recordtest.MustRecord(t))
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[2], "ABORTED: stop condition cloudwatch_alarm.errors") || lines[3] != "LEFTOVERS: 1 change(s) NOT reverted, listed below" {
		t.Errorf("status lines:\n%s", strings.Join(lines[:min(5, len(lines))], "\n"))
	}
}

func TestSummarySaysWhenTheAPIThrottled(t *testing.T) {
	var b strings.Builder
	writeWeather(&b, map[string]record.APIStats{
		"ec2:DescribeInstances": {Calls: 41, Throttled: 12, ServerErrors: 3, Retries: 15},
		"sts:GetCallerIdentity": {Calls: 2},
	})
	for _, want := range []string{"AWS API: 43 calls, 12 throttled, 3 5xx, 15 retries", "ec2:DescribeInstances 12 throttled, 3 5xx"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("%q lacks %q", b.String(), want)
		}
	}
	b.Reset()
	writeWeather(&b, map[string]record.APIStats{"sts:GetCallerIdentity": {Calls: 2}})
	if b.Len() != 0 {
		t.Errorf("a calm API printed %q", b.String())
	}
}
