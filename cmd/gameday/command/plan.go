package command

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
)

// PlanOptions are the inputs of `gameday plan`.
type PlanOptions struct {
	File     string
	Load     config.LoadOptions
	AWS      AWSFlags
	Format   string
	NoProbes bool
}

// NewCmdPlan returns the plan verb.
func NewCmdPlan(f *Factory, b *Backends, runF func(context.Context, *PlanOptions) error) *cli.Command {
	var lf LoadFlags
	opts := &PlanOptions{}
	return &cli.Command{
		Name:      "plan",
		Usage:     "show what a run would touch, without changing anything",
		ArgsUsage: "FILE",
		Description: "Resolves the game day exactly as `run` would and prints, per fault, the targets and\n" +
			"the blast radius per AZ, the EC2 DryRun permission answers, what is irreversible, the\n" +
			"stop alarms with their current state and the probes' steady state. Only read calls\n" +
			"(and EC2 DryRun) are made.\n\n" +
			"Exit status: 0 when a run could start, 3 when it would be refused (the problems are listed).",
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Destination: &opts.Format, Usage: "output `FORMAT`: text or json"},
			&cli.BoolFlag{Name: "no-probes", Destination: &opts.NoProbes, Usage: "skip the steady-state probes"},
		}, opts.AWS.Flags()...), lf.Flags()...),
		Action: func(c *cli.Context) error {
			arg, err := oneArg(f, "plan", "game-day FILE", c.Args().Slice())
			if err != nil {
				return err
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usageErrorf(f, "plan", "unknown --format %q; use text or json", opts.Format)
			}
			opts.File, opts.Load = arg, lf.Options(f)
			if err := refuseFlags(f, "plan", opts.AWS.check(c)); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context, opts)
			}
			return runPlan(c.Context, f, b, opts)
		},
	}
}

func runPlan(ctx context.Context, f *Factory, b *Backends, opts *PlanOptions) error {
	gd, err := loadGameDay(f, opts.Load, opts.File, nil)
	if err != nil {
		return err
	}
	be, err := opts.AWS.open(ctx, b, gd.Region)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not planning %s: %w", opts.File, err)}
	}
	defer be.Close()
	if be.Sandbox {
		if gd, err = loadGameDay(f, opts.Load, opts.File, be.Vars); err != nil {
			return err
		}
	}
	r, err := runner.New(runner.Options{GameDay: gd, Clients: be.Clients, Kinds: catalog.KindsWith(faultOptions(be)),
		Instruments: instruments.All(), StateDir: "-", Sandbox: be.Sandbox, SteadyWarmup: be.Tuning.SteadyWarmup})
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	p, err := r.Plan(ctx, !opts.NoProbes)
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(f.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p); err != nil {
			return err
		}
	} else {
		writePlan(f.IO.Out, p)
	}
	if len(p.Problems) > 0 {
		return Silent(engine.ExitInvalid)
	}
	return nil
}

func writePlan(w io.Writer, p *runner.Plan) {
	fmt.Fprintf(w, "plan for game day %s (%s)\naccount %s, region %s\n", p.GameDay, p.File, p.Account, p.Region)
	if len(p.StopAlarms) > 0 {
		fmt.Fprintln(w, "\nstop alarms:")
		for _, a := range p.StopAlarms {
			fmt.Fprintf(w, "  %-32s %-18s %s\n", a.Alarm, a.State, a.Since)
		}
	}
	for _, sc := range p.Scenarios {
		fmt.Fprintf(w, "\nscenario %s\n", sc.Name)
		for _, pf := range sc.Faults {
			writePlanFault(w, pf)
		}
	}
	if len(p.Irreversible) > 0 {
		fmt.Fprintln(w, "\nirreversible (nothing can put these back):")
		for _, s := range p.Irreversible {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if len(p.Steady) > 0 {
		fmt.Fprintln(w, "\nsteady state:")
		for _, name := range slices.Sorted(maps.Keys(p.Steady)) {
			fmt.Fprintf(w, "  %-24s %s\n", name, p.Steady[name])
		}
	}
	if len(p.Problems) > 0 {
		fmt.Fprintf(w, "\na run would be refused (%d problems):\n", len(p.Problems))
		for _, s := range p.Problems {
			fmt.Fprintf(w, "  - %s\n", s)
		}
		return
	}
	fmt.Fprintln(w, "\nno problem found: a run could start.")
}

func writePlanFault(w io.Writer, pf runner.PlanFault) {
	timing := ""
	if pf.StartAfter != "" {
		timing += " after " + pf.StartAfter
	}
	if pf.Duration != "" {
		timing += " for " + pf.Duration
	}
	rev := "reversible"
	if !pf.Effect.Reversible {
		rev = "IRREVERSIBLE"
	}
	fmt.Fprintf(w, "  fault %s: %s%s (%s)\n", pf.ID, pf.Effect.Action, timing, rev)
	seed := ""
	if pf.Seed != 0 {
		seed = fmt.Sprintf(", seed %d", pf.Seed)
	}
	fmt.Fprintf(w, "    %d target(s) of %d candidate(s)%s; blast radius: %s\n", len(pf.Targets), pf.Candidates, seed, blast(pf.BlastRadius))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, t := range pf.Targets {
		fmt.Fprintf(tw, "      %s\t%s\t%s\t%s\n", t.ID, t.Resource, t.AZ, labels(t.Labels))
	}
	tw.Flush()
	for _, ex := range pf.Excluded {
		if ex.Resource == ex.Target {
			fmt.Fprintf(w, "    excluded (protected): %s carries %s\n", ex.Target, ex.Tag)
		} else {
			fmt.Fprintf(w, "    excluded (protected): %s touches %s, which carries %s\n", ex.Target, ex.Resource, ex.Tag)
		}
	}
	for _, c := range pf.Permissions {
		fmt.Fprintf(w, "    permission %s: %s\n", c.Action, checkText(c))
	}
	for _, n := range pf.Notes {
		fmt.Fprintf(w, "    note: %s\n", n)
	}
	if pf.Error != "" {
		fmt.Fprintf(w, "    problem: %s\n", pf.Error)
	}
}

func checkText(c engine.Check) string {
	switch {
	case !c.Verified:
		return "not verifiable in advance" + parens(c.Detail)
	case c.Allowed:
		return "allowed (DryRun)"
	}
	return "DENIED" + parens(c.Detail)
}

func parens(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func blast(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, az := range engine.SortedAZs(m) {
		name := az
		if name == "" {
			name = "no AZ"
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, m[az]))
	}
	return strings.Join(parts, ", ")
}

func labels(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return strings.Join(parts, " ")
}
