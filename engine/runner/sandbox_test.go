package runner

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/sandbox"
)

// startSandbox starts a sandbox and loads a game day file against it.
func startSandbox(t *testing.T, path string) (*sandbox.Sandbox, *config.GameDay) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sandboxWith(t, sandbox.Options{}, path, string(src))
}

// sandboxWith starts a sandbox with o (closed when the test ends) and loads
// the game day src against it.
func sandboxWith(t *testing.T, o sandbox.Options, name, src string) (*sandbox.Sandbox, *config.GameDay) {
	t.Helper()
	sb, err := sandbox.New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Sandbox: sb.Vars()}).LoadSource(name, []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return sb, gd
}

// readOnly reports whether an API action cannot change anything.
func readOnly(action string, dryRun bool) bool {
	op := action[strings.Index(action, ":")+1:]
	for _, p := range []string{"Describe", "Get", "List"} {
		if strings.HasPrefix(op, p) {
			return true
		}
	}
	return dryRun
}

func TestPlanMakesNoMutatingCall(t *testing.T) {
	sb, gd := startSandbox(t, "../../experiments/sandbox-demo.hcl")
	sb.Gate().ResetCalls()
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: sb.Clients(), Kinds: catalog.Kinds(), StateDir: t.TempDir(),
		Sandbox: true, SteadyWarmup: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Plan(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 0 {
		t.Errorf("plan found problems on a healthy sandbox: %v", p.Problems)
	}
	calls := sb.Gate().Calls()
	if len(calls) == 0 {
		t.Fatal("plan made no API call at all: the test cannot tell anything")
	}
	dry := 0
	for _, c := range calls {
		if !readOnly(c.Action, c.DryRun) {
			t.Errorf("plan called %s (DryRun=%v): a mutating call", c.Action, c.DryRun)
		}
		if c.DryRun {
			dry++
		}
	}
	if dry == 0 {
		t.Error("plan made no EC2 DryRun permission check")
	}
	if len(p.Irreversible) != 1 || !strings.Contains(p.Irreversible[0], "ec2_kill") {
		t.Errorf("irreversible = %v, want the terminate fault", p.Irreversible)
	}
	var targets int
	for _, sc := range p.Scenarios {
		for _, f := range sc.Faults {
			targets += len(f.Targets)
		}
	}
	// One per fault, and the blackout names what it reaches explicitly:
	// the two subnets of us-east-1b and the database cluster.
	if targets != 6 {
		t.Errorf("%d targets resolved, want 6 (one per fault, three for the blackout)", targets)
	}
}
