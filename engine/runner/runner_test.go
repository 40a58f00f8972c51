package runner

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/measure"
)

func pendingOf(t *testing.T, res *Result) []journal.Batch {
	t.Helper()
	j, err := journal.ReadFile(res.Journal)
	if err != nil {
		t.Fatal(err)
	}
	return journal.Pending(j.Records)
}

func countEvents(res *Result, typ engine.EventType) int {
	n := 0
	for _, e := range res.Events {
		if e.Type == typ {
			n++
		}
	}
	return n
}

func TestRunInjectsHoldsRevertsAndPasses(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 3, BatchSize: 2}, 300*time.Millisecond)
	r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
	var told []string
	r.opts.OnScenario = func(sr ScenarioResult) {
		if sr.Measure != nil {
			told = append(told, sr.Name)
		}
	}
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(told) != 1 || told[0] != "break" {
		t.Errorf("OnScenario was told %v, want the measured scenario once", told)
	}
	if w.injects != 2 {
		t.Errorf("inject calls = %d, want 2 batches (3 targets, batch size 2)", w.injects)
	}
	if w.anyBroken() {
		t.Error("targets left broken after the run")
	}
	if p := pendingOf(t, res); len(p) != 0 {
		t.Errorf("journal still has %d pending batches", len(p))
	}
	if res.ExitCode() != engine.ExitOK {
		t.Errorf("exit code %d (status %s, aborted %q, verdict %+v), want 0", res.ExitCode(), res.Status, res.Aborted, res.Summary)
	}
	m := res.Scenarios[0].Measure
	if m == nil || m.Recovery.RecoveredAt == nil {
		t.Fatalf("no recovery measured: %+v", m)
	}
	// The service was down from injection to revert (300 ms hold): the RTO
	// must cover the hold and not exceed it by much more than the probe
	// interval plus K checks.
	rto := m.Recovery.RTO
	if rto.Status != measure.Measured || rto.Value < 250*time.Millisecond || rto.Value > 2*time.Second {
		t.Errorf("observed RTO %+v, want about 300ms", rto)
	}
	if countEvents(res, engine.EvFaultReverted) != 2 {
		t.Errorf("%d revert events, want 2", countEvents(res, engine.EvFaultReverted))
	}
}

func TestStopAlarmDuringHoldAbortsAndReverts(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	cw := newFakeCW("svc-5xx")
	w.onInject = func() { go func() { time.Sleep(100 * time.Millisecond); cw.set("svc-5xx", cwtypes.StateValueAlarm) }() }
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, time.Hour)
	start := time.Now()
	res, err := testRunner(t, gd, w, cw).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("the run held the fault %s despite the alarm", time.Since(start))
	}
	if res.ExitCode() != engine.ExitAborted || res.Aborted == "" || res.AbortCause != CauseStopCondition {
		t.Errorf("exit %d aborted %q cause %q, want 2 with a reason, caused by the stop condition", res.ExitCode(), res.Aborted, res.AbortCause)
	}
	if w.anyBroken() || len(pendingOf(t, res)) != 0 {
		t.Error("the abort did not revert everything")
	}
	if countEvents(res, engine.EvStop) == 0 {
		t.Error("no stop event on the timeline")
	}
}

func TestStopAlarmDuringBaselineSkipsInjection(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	cw := newFakeCW("svc-5xx")
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, time.Second)
	r := testRunner(t, gd, w, cw)
	r.opts.Baseline = 2 * time.Second
	go func() { time.Sleep(time.Second); cw.set("svc-5xx", cwtypes.StateValueAlarm) }()
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.injects != 0 {
		t.Errorf("%d injections after the stop alarm fired in the baseline", w.injects)
	}
	if res.ExitCode() != engine.ExitAborted {
		t.Errorf("exit %d, want 2", res.ExitCode())
	}
}

func TestStopAlarmDuringRecoveryStillEndsClean(t *testing.T) {
	w := newFakeWorld()
	srv := service(t, w)
	cw := newFakeCW("svc-5xx")
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, 200*time.Millisecond)
	r := testRunner(t, gd, w, cw)
	r.tl.Subscribe(func(e engine.Event) {
		if e.Type == engine.EvPhase && e.Value == "recovery" {
			cw.set("svc-5xx", cwtypes.StateValueAlarm)
		}
	})
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != engine.ExitAborted || w.anyBroken() || len(pendingOf(t, res)) != 0 {
		t.Errorf("exit %d broken %v: want an aborted, fully reverted run", res.ExitCode(), w.anyBroken())
	}
}

func TestSignalDuringHoldReverts(t *testing.T) {
	for _, phase := range []string{"baseline", "hold"} {
		t.Run(phase, func(t *testing.T) {
			w := newFakeWorld()
			srv := service(t, w)
			gd := gameDay(srv.URL, &fakeSpec{Targets: 2}, time.Hour)
			r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
			ctx, cancel := context.WithCancelCause(context.Background())
			r.tl.Subscribe(func(e engine.Event) {
				if e.Type == engine.EvPhase && e.Value == phase {
					go cancel(errors.New("SIGTERM"))
				}
			})
			res, err := r.Run(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode() != engine.ExitAborted || res.Aborted == "" {
				t.Errorf("exit %d aborted %q, want 2", res.ExitCode(), res.Aborted)
			}
			if w.anyBroken() || len(pendingOf(t, res)) != 0 {
				t.Error("the signal left the fault in place")
			}
		})
	}
}

func TestErrorWhileInjectingRevertsOnlyWhatWasInjected(t *testing.T) {
	w := newFakeWorld()
	w.failBatch = 2
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 3, BatchSize: 1}, time.Hour)
	res, err := testRunner(t, gd, w, newFakeCW("svc-5xx")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.injects != 1 {
		t.Errorf("%d batches injected, want 1 (the second failed, the third must not start)", w.injects)
	}
	if res.ExitCode() != engine.ExitAborted {
		t.Errorf("exit %d, want 2", res.ExitCode())
	}
	if w.anyBroken() || len(pendingOf(t, res)) != 0 {
		t.Error("not everything injected was reverted")
	}
	j, _ := journal.ReadFile(res.Journal)
	intents := 0
	for _, rec := range j.Records {
		if rec.Type == journal.TypeIntent {
			intents++
		}
	}
	if intents != 2 {
		t.Errorf("%d intents journaled, want 2 (the failed batch's intent precedes its call)", intents)
	}
}

func TestRevertThatCannotCompleteExits4(t *testing.T) {
	w := newFakeWorld()
	w.failRevert = true
	srv := service(t, w)
	gd := gameDay(srv.URL, &fakeSpec{Targets: 1}, 100*time.Millisecond)
	r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
	r.opts.RecoveryTimeout = 300 * time.Millisecond
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode() != engine.ExitLeftover {
		t.Fatalf("exit %d, want 4", res.ExitCode())
	}
	if len(res.Leftovers) != 1 || res.Leftovers[0].Error == "" || res.Leftovers[0].Targets[0].ID != "t-0" {
		t.Errorf("leftovers %+v, want t-0 with the reason", res.Leftovers)
	}
}

func TestGuardsRefuseBeforeAnyMutation(t *testing.T) {
	cases := map[string]func(*Runner){
		"account": func(r *Runner) { r.gd.Guard.Accounts = []string{"999999999999"} },
		"region":  func(r *Runner) { r.gd.Guard.Regions = []string{"eu-west-1"} },
		"max targets": func(r *Runner) {
			r.gd.Guard.MaxTargets = 2
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			w := newFakeWorld()
			srv := service(t, w)
			gd := gameDay(srv.URL, &fakeSpec{Targets: 3}, time.Second)
			r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
			mutate(r)
			_, err := r.Run(context.Background())
			if !IsRefused(err) {
				t.Fatalf("err = %v, want a refusal", err)
			}
			if w.injectCalls.Load() != 0 {
				t.Error("a refused run injected")
			}
		})
	}
}

func TestStopAlarmMissingOrAlarmingRefuses(t *testing.T) {
	for name, cw := range map[string]*fakeCW{"missing": newFakeCW(), "alarming": newFakeCW("svc-5xx")} {
		t.Run(name, func(t *testing.T) {
			if name == "alarming" {
				cw.set("svc-5xx", cwtypes.StateValueAlarm)
			}
			w := newFakeWorld()
			srv := service(t, w)
			_, err := testRunner(t, gameDay(srv.URL, &fakeSpec{Targets: 1}, time.Second), w, cw).Run(context.Background())
			if !IsRefused(err) || w.injectCalls.Load() != 0 {
				t.Fatalf("err = %v injects %d, want a refusal and no injection", err, w.injectCalls.Load())
			}
		})
	}
}

func TestStopAlarmDuringInjectionStopsFurtherBatches(t *testing.T) {
	w := newFakeWorld()
	w.injectDelay = 300 * time.Millisecond
	srv := service(t, w)
	cw := newFakeCW("svc-5xx")
	var once sync.Once
	w.onInject = func() { once.Do(func() { cw.set("svc-5xx", cwtypes.StateValueAlarm) }) }
	gd := gameDay(srv.URL, &fakeSpec{Targets: 4, BatchSize: 1}, time.Hour)
	res, err := testRunner(t, gd, w, cw).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.injects >= 4 {
		t.Errorf("all %d batches were injected despite the alarm after the first", w.injects)
	}
	if res.ExitCode() != engine.ExitAborted || w.anyBroken() || len(pendingOf(t, res)) != 0 {
		t.Errorf("exit %d, broken %v: want an aborted run with everything reverted", res.ExitCode(), w.anyBroken())
	}
}

func TestSignalDuringInjectionAndRecovery(t *testing.T) {
	for _, phase := range []string{"inject", "recovery"} {
		t.Run(phase, func(t *testing.T) {
			w := newFakeWorld()
			w.injectDelay = 100 * time.Millisecond
			srv := service(t, w)
			gd := gameDay(srv.URL, &fakeSpec{Targets: 3, BatchSize: 1}, 200*time.Millisecond)
			r := testRunner(t, gd, w, newFakeCW("svc-5xx"))
			ctx, cancel := context.WithCancelCause(context.Background())
			r.tl.Subscribe(func(e engine.Event) {
				if e.Type == engine.EvPhase && e.Value == phase {
					go cancel(errors.New("SIGINT"))
				}
			})
			res, err := r.Run(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode() != engine.ExitAborted || w.anyBroken() || len(pendingOf(t, res)) != 0 {
				t.Errorf("exit %d broken %v pending %d: want aborted and clean", res.ExitCode(), w.anyBroken(), len(pendingOf(t, res)))
			}
		})
	}
}
