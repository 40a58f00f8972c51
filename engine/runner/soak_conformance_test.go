//go:build conformance

package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/flakyproxy"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/internal/motoserver"
)

// soakMotoMinSeeds is how many game days the moto soak runs at least:
// five keep `make conformance` near a minute; -soak.seeds raises it.
const soakMotoMinSeeds = 5

// soakMotoFigures add to the sandbox soak's figures what moto shows.
type soakMotoFigures struct {
	soakFigures
	faults, faultsInjected int // faults run, and those reported injected
	caught                 int // batches whose call failed but whose effect was found and journaled injected
	clean                  time.Duration
}

// TestConformanceSoakWeather runs whole game days (ec2_kill, nat_route_removal
// and route53_health_flip; FIS cannot start on moto) through real SDK
// clients and the flaky proxy in front of moto, which throttles 30 % of the
// calls, fails 10 % with a 5xx, and makes 5 % of the mutations take effect
// before answering 500. After each run, read straight from moto: the world
// is restored by the run, or the run exits 4 listing what is left and
// recover (calm weather) restores it; what moto really did (the tap)
// stays inside the run's targets and never contradicts a fault reported
// as not injected.
func TestConformanceSoakWeather(t *testing.T) {
	m := motoserver.Start(t)
	env := soakMotoEnv{m: m, tap: startMotoTap(t, m.URL), ami: soakAMI(t, context.Background(), awsapi.FromConfig(m.Config(), false))}
	fig := soakMotoFigures{soakFigures: soakFigures{exits: map[int]int{}}}
	// A clean run first, through the same proxy with no weather: the time
	// a run takes when nothing goes wrong, and proof that the plumbing is
	// right before the weather is blamed for anything.
	t.Run("clean", func(t *testing.T) {
		var calm soakMotoFigures
		calm.exits = map[int]int{}
		res, calls := soakMotoOnce(t, env, awsapi.FlakyOptions{}, &calm)
		if calm.exits[engine.ExitOK] != 1 || calm.faultsInjected != 3 {
			t.Fatalf("clean run: exits %v, %d of %d faults injected: want exit 0 and all three", calm.exits, calm.faultsInjected, calm.faults)
		}
		checkTapSawInjections(t, res, calls)
		fig.clean = calm.elapsed
	})
	seeds := max(*soakSeeds, soakMotoMinSeeds)
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			soakMotoOnce(t, env, awsapi.FlakyOptions{Seed: uint64(seed), Rates: soakWeather}, &fig)
		})
	}
	// The weather rarely leaves a revert undone (it must fail twice over,
	// in the scenario and at the end of the run), so exit 4 and recover
	// are forced once: every StartInstances and CreateRoute fails.
	t.Run("reverts-fail", func(t *testing.T) {
		var storm soakMotoFigures
		storm.exits = map[int]int{}
		fail := awsapi.Rates{ServerErrorRate: 1}
		soakMotoOnce(t, env, awsapi.FlakyOptions{PerAction: map[string]awsapi.Rates{"ec2:StartInstances": fail, "ec2:CreateRoute": fail}}, &storm)
		if storm.exits[engine.ExitLeftover] != 1 || storm.recovered != 1 {
			t.Errorf("reverts failing: exits %v, %d recovered: want exit 4 and recover restoring moto", storm.exits, storm.recovered)
		}
	})
	perRun := fig.elapsed / time.Duration(max(fig.runs, 1))
	t.Logf("moto soak: %d runs at %.0f%% throttling, %.0f%% 5xx, %.0f%% effect-then-fail: %d restored by the run, %d by recover, %d refused at start; exits %v; %d of %d faults injected, %d batches found in effect after an error; proxy injected %+v; runner saw %d retries, %d throttled; %s per run, clean run %s (x%.1f)",
		fig.runs, soakWeather.ThrottleRate*100, soakWeather.ServerErrorRate*100, soakWeather.EffectThenFailRate*100,
		fig.restored, fig.recovered, fig.refused, fig.exits, fig.faultsInjected, fig.faults, fig.caught, fig.soakFigures.injected,
		fig.retries, fig.throttled, perRun.Round(time.Millisecond), fig.clean.Round(time.Millisecond), float64(perRun)/float64(max(fig.clean, 1)))
	if fig.refused*20 > fig.runs && fig.runs >= 20 {
		t.Errorf("%d of %d runs refused at start: more than 1 in 20", fig.refused, fig.runs)
	}
}

// soakMotoOnce runs one game day on a fresh moto world through a proxy
// with the weather, checks it and adds to fig.
// It returns the run's result (nil when refused) and what the tap saw.
func soakMotoOnce(t *testing.T, env soakMotoEnv, weather awsapi.FlakyOptions, fig *soakMotoFigures) (*Result, []tapCall) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	env.m.Reset(t)
	calm := awsapi.FromConfig(env.m.Config(), false)
	w := buildSoakMotoWorld(t, ctx, calm, env.ami)
	before := readSoakMotoState(t, ctx, calm, w)
	proxy, err := flakyproxy.Start(env.tap.URL, weather)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("soak-moto.hcl", []byte(soakMotoGameDay(w, weather.Seed)))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	kinds := catalog.KindsWith(catalog.Options{InstancePollInterval: 100 * time.Millisecond, RetryBackoff: 20 * time.Millisecond, EffectWait: 2 * time.Second})
	state := t.TempDir()
	var logs soakLog
	// moto answers a re-read consistently at once, so a second of
	// VerifyTimeout is plenty; a revert that failed is re-read for all of
	// it, which the forced-failure run pays several times.
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: awsapi.FromConfig(soakSDKConfig(proxy.URL), false), Kinds: kinds, StateDir: state,
		Baseline: 100 * time.Millisecond, SteadyWarmup: 5 * time.Second, SteadyChecks: 2, RecoveryTimeout: 3 * time.Second,
		VerifyTimeout: time.Second, ReadRetry: awsapi.ReadRetry{Base: 10 * time.Millisecond, Cap: 200 * time.Millisecond, MaxWait: 20 * time.Second},
		Logf: logs.printf})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("runner log:\n%s", logs.String())
		}
	}()
	env.tap.take()
	start := time.Now()
	res, err := r.Run(ctx)
	fig.runs++
	fig.elapsed += time.Since(start)
	calls := env.tap.take()
	tot := proxy.Injector().Total()
	fig.soakFigures.injected.Calls += tot.Calls
	fig.soakFigures.injected.Throttled += tot.Throttled
	fig.soakFigures.injected.ServerErrors += tot.ServerErrors
	fig.soakFigures.injected.EffectThenFail += tot.EffectThenFail
	var re *RefusedError
	if errors.As(err, &re) {
		fig.refused++
		fig.exits[engine.ExitInvalid]++
		t.Logf("refused at start: %v", err)
		for _, p := range checkSoakTap(nil, nil, calls) {
			t.Error(p)
		}
		checkSoakRestored(t, before, readSoakMotoState(t, ctx, calm, w))
		return nil, calls
	}
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, s := range res.API {
		fig.retries += s.Retries
		fig.throttled += s.Throttled
	}
	fig.exits[res.ExitCode()]++
	if res.ExitCode() != engine.ExitOK {
		var verdicts []string
		for _, sc := range res.Scenarios {
			if sc.Measure != nil {
				verdicts = append(verdicts, sc.Name+"="+sc.Measure.Verdict.Outcome)
			}
		}
		t.Logf("exit %d: aborted %q (%s); verdicts %v; %d leftovers %+v", res.ExitCode(), res.Aborted, res.AbortCause, verdicts, len(res.Leftovers), res.Leftovers)
	}
	j, err := journal.ReadFile(res.Journal)
	if err != nil {
		t.Fatal(err)
	}
	soakCountFaults(res, j.Records, fig)
	for _, p := range checkSoakTap(res, j.Records, calls) {
		t.Error(p)
	}
	if res.ExitCode() == engine.ExitLeftover {
		soakRecover(t, ctx, calm, kinds, state, res, j)
		fig.recovered++
	} else {
		fig.restored++
	}
	checkSoakRestored(t, before, readSoakMotoState(t, ctx, calm, w))
	return res, calls
}

// soakCountFaults adds up the faults run and injected, and the batches
// whose mutating call answered an error although it had taken effect
// (the runner's re-read found the effect: effect-then-fail caught).
func soakCountFaults(res *Result, recs []journal.Record, fig *soakMotoFigures) {
	for _, sc := range res.Scenarios {
		for _, f := range sc.Faults {
			fig.faults++
			if f.InjectedAt != nil {
				fig.faultsInjected++
			}
		}
	}
	for _, rec := range recs {
		if rec.Type == journal.TypeInjected && strings.Contains(rec.Note, "re-reading shows the fault in effect") {
			fig.caught++
		}
	}
}
