package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/smithy-go"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
)

var production = map[string]string{"Environment": "production"}

// protectedGameDay is a game day whose guard protects Environment=production.
func protectedGameDay(url string, spec *fakeSpec) *config.GameDay {
	gd := gameDay(url, spec, 100*time.Millisecond)
	gd.Guard.ProtectedTags = production
	return gd
}

func TestGuardExcludesProtectedCandidatesBeforeChoosing(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	spec := &fakeSpec{Targets: 3, Tags: map[int]map[string]string{1: production}}
	gd := protectedGameDay(srv.URL, spec)
	res, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := res.Scenarios[0].Faults[0]
	for _, tg := range f.Targets {
		if tg.ID == "t-1" {
			t.Fatalf("the protected target t-1 was selected: %+v", f.Targets)
		}
	}
	if len(f.Targets) != 2 || len(f.Excluded) != 1 || f.Excluded[0].Target != "t-1" || f.Excluded[0].Tag != "Environment=production" {
		t.Errorf("targets %+v excluded %+v, want t-0 and t-2 with t-1 excluded by Environment=production", f.Targets, f.Excluded)
	}
	if w.injects == 0 {
		t.Error("the unprotected targets were not injected")
	}
}

func TestGuardRefusesWhenEveryCandidateIsProtected(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	spec := &fakeSpec{Targets: 2, Tags: map[int]map[string]string{0: production, 1: production}}
	gd := protectedGameDay(srv.URL, spec)
	_, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	var re *RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	for _, want := range []string{"every candidate is protected", "t-0", "t-1", "Environment=production"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %q does not say %q", err, want)
		}
	}
	if w.injectCalls.Load() != 0 {
		t.Errorf("%d inject calls after a refusal", w.injectCalls.Load())
	}
}

func TestGuardRefusesTargetsWhoseTagsCouldNotBeRead(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	spec := &fakeSpec{Targets: 2, UnreadTags: map[int]bool{1: true}}
	gd := protectedGameDay(srv.URL, spec)
	_, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "t-1") || !strings.Contains(err.Error(), "could not be read") {
		t.Fatalf("err = %v, want a refusal naming t-1 and its unread tags", err)
	}
	if w.injectCalls.Load() != 0 {
		t.Errorf("%d inject calls after a refusal", w.injectCalls.Load())
	}
}

func TestPlanShowsExcludedProtectedTargets(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	spec := &fakeSpec{Targets: 2, Tags: map[int]map[string]string{0: production}}
	gd := protectedGameDay(srv.URL, spec)
	p, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Plan(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	pf := p.Scenarios[0].Faults[0]
	if len(pf.Targets) != 1 || pf.Targets[0].ID != "t-1" || len(pf.Excluded) != 1 || pf.Excluded[0].Target != "t-0" {
		t.Errorf("plan targets %+v excluded %+v, want t-1 with t-0 excluded", pf.Targets, pf.Excluded)
	}
}

func TestFaultWithoutEffectIsNoEffectAndExitsOne(t *testing.T) {
	w := newFakeWorld()
	w.noEffect = true
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 2}, 100*time.Millisecond)
	res, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := res.Scenarios[0].Measure
	if m.Verdict.Outcome != measure.OutcomeNoEffect || m.Verdict.Met {
		t.Errorf("verdict %+v, want %q and not met", m.Verdict, measure.OutcomeNoEffect)
	}
	if res.Scenarios[0].Faults[0].NoEffect == "" {
		t.Error("the fault result does not say it had no effect")
	}
	if res.ExitCode() != engine.ExitMissed {
		t.Errorf("exit %d, want %d", res.ExitCode(), engine.ExitMissed)
	}
}

func TestInjectThatFailedAfterTakingEffectCountsAsInjected(t *testing.T) {
	w := newFakeWorld()
	w.failBatch, w.failAfterEffect = 1, true
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, 200*time.Millisecond)
	res, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := res.Scenarios[0].Faults[0]
	if f.InjectedAt == nil || f.Error != "" {
		t.Errorf("fault result %+v: a call that took effect must count as injected", f)
	}
	if res.Aborted != "" {
		t.Errorf("run aborted (%s) although the fault took effect", res.Aborted)
	}
	if w.anyBroken() || len(pendingOf(t, res)) != 0 {
		t.Error("the fault that took effect was not reverted")
	}
}

func TestFailedInjectionIsAbortedNeverMet(t *testing.T) {
	w := newFakeWorld()
	w.failBatch = 1
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, time.Second)
	res, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v := res.Scenarios[0].Measure.Verdict; v.Outcome != measure.OutcomeAborted || v.Met {
		t.Errorf("verdict %+v after a failed injection, want aborted", v)
	}
	if res.ExitCode() != engine.ExitAborted {
		t.Errorf("exit %d, want %d", res.ExitCode(), engine.ExitAborted)
	}
}

// A revert that cannot be completed stops the game day: the next scenario
// is not injected on top of a world that is not back.
func TestFailedRevertStopsFurtherScenarios(t *testing.T) {
	w := newFakeWorld()
	w.failRevert = true
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, 100*time.Millisecond)
	second := *gd.Scenarios[0]
	second.Name = "again"
	gd.Scenarios = append(gd.Scenarios, &second)
	r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
	r.opts.RecoveryTimeout = 300 * time.Millisecond
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.injects != 1 {
		t.Errorf("%d injections, want 1: the second scenario ran on a world not put back", w.injects)
	}
	if res.ExitCode() != engine.ExitLeftover || !strings.Contains(res.Aborted, "could not be completed") {
		t.Errorf("exit %d aborted %q, want 4 and the reason", res.ExitCode(), res.Aborted)
	}
	if len(res.Scenarios) != 2 || res.Scenarios[1].Skipped == "" {
		t.Errorf("scenarios %+v, want the second skipped", res.Scenarios)
	}
}

// A stop alarm that could not be read is "not read" in plan, never
// "missing": plan must not claim what it did not see.
func TestPlanSaysAnUnreadAlarmIsNotRead(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, time.Second)
	cw := newFakeCW() // knows no alarm: DescribeAlarms answers nothing
	r := testRunner(t, gd, w, cw)
	r.opts.Clients.CloudWatch = failingCW{cw}
	r2, err := New(r.opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := r2.Plan(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.StopAlarms) != 1 || p.StopAlarms[0].State != "not read" {
		t.Errorf("stop alarms %+v, want svc-5xx not read", p.StopAlarms)
	}
}

// failingCW answers every DescribeAlarms with an access error.
type failingCW struct{ *fakeCW }

func (failingCW) DescribeAlarms(context.Context, *cloudwatch.DescribeAlarmsInput, ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "not authorized"}
}
