package console

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

func TestSummaryShowsFiguresVerdictsAndLeftovers(t *testing.T) {
	res := recordtest.Result()
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
	if !strings.Contains(s, res.RunID) {
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
