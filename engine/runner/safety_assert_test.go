package runner

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
)

// safetyKinds are the real fault kinds with waits short enough for tests.
func safetyKinds() engine.Kinds {
	return catalog.KindsWith(catalog.Options{FISPollInterval: 50 * time.Millisecond, FISStopTimeout: 10 * time.Second,
		RetryBackoff: 10 * time.Millisecond, InstanceStopWait: 10 * time.Second, InstancePollInterval: 20 * time.Millisecond,
		EffectWait: 5 * time.Second})
}

// loadSafetyGameDay loads the game day of one matrix case.
func loadSafetyGameDay(t *testing.T, w safetyIDs, c safetyCase) *config.GameDay {
	t.Helper()
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry()}).LoadSource("safety.hcl", []byte(safetyGameDay(w, c.fault)))
	if diags.HasErrors() {
		t.Fatalf("case %s does not load: %v", c.name, diags)
	}
	return gd
}

// safetyRunner builds a runner with short phases for one Plan or Run.
func safetyRunner(t *testing.T, gd *config.GameDay, clients *awsapi.Clients, sandbox bool) *Runner {
	t.Helper()
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: clients, Kinds: safetyKinds(), StateDir: t.TempDir(), Sandbox: sandbox,
		Baseline: 50 * time.Millisecond, SteadyWarmup: time.Second, SteadyChecks: 1, RecoveryTimeout: 2 * time.Second,
		VerifyTimeout: 10 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkSafetyPlan asserts what plan shows for a matrix case: no protected
// resource among the targets, exactly the expected candidates excluded
// (each for the protected tag), and for a refused case an error naming
// what is protected.
func checkSafetyPlan(t *testing.T, c safetyCase, p *Plan, protected map[string]string) {
	t.Helper()
	if len(p.Scenarios) != 1 || len(p.Scenarios[0].Faults) != 1 {
		t.Fatalf("plan has %+v, want one scenario of one fault", p.Scenarios)
	}
	pf := p.Scenarios[0].Faults[0]
	for _, tg := range pf.Targets {
		if why, ok := protectedID(protected, tg.ID); ok {
			t.Errorf("plan lists protected %s as a target (%s)", tg.ID, why)
		}
		if c.allowed != nil && !slices.Contains(c.allowed, tg.ID) {
			t.Errorf("plan lists %s as a target, want only some of %v", tg.ID, c.allowed)
		}
	}
	var excluded []string
	for _, ex := range pf.Excluded {
		excluded = append(excluded, ex.Target)
		if ex.Tag != safetyProtectedTag {
			t.Errorf("exclusion %+v is not for %s", ex, safetyProtectedTag)
		}
		if _, ok := protectedID(protected, ex.Resource); !ok {
			t.Errorf("exclusion %+v names %s, which is not protected", ex, ex.Resource)
		}
	}
	if !sameSet(excluded, c.excluded) {
		t.Errorf("plan excludes %v, want %v", excluded, c.excluded)
	}
	if !c.refused() {
		if pf.Error != "" || len(pf.Targets) != c.targets {
			t.Errorf("plan: %d targets %v, error %q; want %d targets and no error", len(pf.Targets), engine.TargetIDs(pf.Targets), pf.Error, c.targets)
		}
		return
	}
	if len(pf.Targets) != 0 {
		t.Errorf("a refused fault lists targets %v", engine.TargetIDs(pf.Targets))
	}
	checkRefusalText(t, c, pf.Error)
	if !slices.Contains(p.Problems, pf.Error) {
		t.Errorf("the refusal is not among the plan's problems %v", p.Problems)
	}
}

// checkRefusalText asserts that a refusal says why and names what.
func checkRefusalText(t *testing.T, c safetyCase, msg string) {
	t.Helper()
	if !strings.Contains(msg, c.refusal) {
		t.Errorf("refusal %q does not say %q", msg, c.refusal)
	}
	for _, n := range c.names {
		if !strings.Contains(msg, n) {
			t.Errorf("refusal %q does not name %s", msg, n)
		}
	}
	if len(c.anyOf) > 0 && !slices.ContainsFunc(c.anyOf, func(n string) bool { return strings.Contains(msg, n) }) {
		t.Errorf("refusal %q names none of %v", msg, c.anyOf)
	}
}

// checkRefusedRun asserts that Run refused (the command exits 3,
// engine.ExitInvalid, on a *RefusedError) for the case's reason and that not one
// mutating call was sent: neither recorded by the recorder nor seen by
// the spy.
func checkRefusedRun(t *testing.T, c safetyCase, res *Result, err error, rec *awsapi.Recorder, spy *mutationSpy) {
	t.Helper()
	var re *RefusedError
	if !errors.As(err, &re) || res != nil {
		t.Fatalf("run returned %+v, %v; want a refusal (exit %d)", res, err, engine.ExitInvalid)
	}
	checkRefusalText(t, c, err.Error())
	if m := rec.Mutations(); len(m) != 0 {
		t.Errorf("a refused run made mutating calls: %v", m)
	}
	if m := spy.sent(); len(m) != 0 {
		t.Errorf("a refused run sent mutating calls: %v", m)
	}
}

// checkGuardedRun asserts that a run of a case with unprotected targets
// ran, changed something (else the test proves nothing) and never named a
// protected resource in a mutating call.
func checkGuardedRun(t *testing.T, res *Result, err error, spy *mutationSpy, protected map[string]string) {
	t.Helper()
	if err != nil {
		t.Fatalf("run refused or failed: %v", err)
	}
	if len(res.Leftovers) != 0 {
		t.Errorf("leftovers: %+v", res.Leftovers)
	}
	f := res.Scenarios[0].Faults[0]
	if f.InjectedAt == nil || f.Error != "" {
		t.Errorf("fault result %+v: the unprotected targets were not injected", f)
	}
	for _, tg := range f.Targets {
		if why, ok := protectedID(protected, tg.ID); ok {
			t.Errorf("the run targeted protected %s (%s)", tg.ID, why)
		}
	}
	if len(spy.sent()) == 0 {
		t.Error("the run sent no mutating call: the case proves nothing")
	}
	for _, v := range spy.touching(protected) {
		t.Errorf("mutating call on a protected resource: %s", v)
	}
}

func sameSet(a, b []string) bool {
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}
