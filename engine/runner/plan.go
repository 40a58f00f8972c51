package runner

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Plan is what a run would do, found with read-only calls (and EC2 DryRun).
type Plan struct {
	GameDay string `json:"gameday"`
	File    string `json:"file"`
	Account string `json:"account"`
	Region  string `json:"region"`
	// Problems would make `gameday run` refuse to start.
	Problems   []string          `json:"problems"`
	StopAlarms []PlanAlarm       `json:"stop_alarms"`
	Scenarios  []PlanScenario    `json:"scenarios"`
	Steady     map[string]string `json:"steady_state,omitempty"`
	// Irreversible lists the faults nothing can put back.
	Irreversible []string `json:"irreversible"`
}

// PlanAlarm is a stop alarm and its state now.
type PlanAlarm struct {
	Condition string `json:"condition"`
	Alarm     string `json:"alarm"`
	State     string `json:"state"`
	Since     string `json:"since,omitempty"`
}

// PlanScenario lists a scenario's faults.
type PlanScenario struct {
	Name   string      `json:"name"`
	Faults []PlanFault `json:"faults"`
}

// PlanFault is one fault's resolution.
type PlanFault struct {
	ID         string          `json:"id"`
	Kind       string          `json:"kind"`
	Effect     engine.Effect   `json:"effect"`
	StartAfter string          `json:"start_after,omitempty"`
	Duration   string          `json:"duration,omitempty"`
	Candidates int             `json:"candidates"`
	Seed       int64           `json:"seed,omitempty"`
	Targets    []engine.Target `json:"targets"`
	// Excluded are candidates the guard left out because they touch a
	// resource carrying a protected tag.
	Excluded    []engine.Exclusion `json:"excluded"`
	BlastRadius map[string]int     `json:"blast_radius"`
	Permissions []engine.Check     `json:"permissions"`
	Notes       []string           `json:"notes,omitempty"`
	Error       string             `json:"error,omitempty"`
}

// Plan resolves everything a run would and reports it, without mutating:
// identity and guards, stop alarms and their states, targets and blast
// radius per fault, EC2 DryRun permission answers, steady state. Problems
// that would refuse a run are collected, not returned as errors, so that one
// plan shows all of them. steady=false skips the probes.
func (r *Runner) Plan(ctx context.Context, steady bool) (*Plan, error) {
	p := &Plan{GameDay: r.gd.Name, File: r.gd.Filename, Region: r.clients.Region, Problems: []string{}, Irreversible: []string{}}
	defer r.release()
	if r.gd.UsesSandbox && !r.opts.Sandbox {
		p.Problems = append(p.Problems, "the game day refers to sandbox.* addresses, which exist only with --sandbox")
	}
	if err := r.checkIdentity(ctx); err != nil {
		p.Problems = append(p.Problems, err.Error())
	}
	p.Account = r.account
	arns, err := r.preflightStops(ctx)
	if err != nil {
		p.Problems = append(p.Problems, err.Error())
	}
	for _, a := range r.stops.alarms {
		states := a.States()
		// An alarm is "missing" only when a read succeeded without it;
		// when nothing could be read its state is unknown, not absent.
		unknown := "missing"
		if err != nil && len(states) == 0 {
			unknown = "not read"
		}
		for _, name := range a.Alarms() {
			pa := PlanAlarm{Condition: a.Name(), Alarm: name, State: unknown}
			if st, ok := states[name]; ok {
				pa.State = string(st.Value)
				if !st.Changed.IsZero() {
					pa.Since = st.Changed.UTC().Format(time.RFC3339)
				}
			}
			p.StopAlarms = append(p.StopAlarms, pa)
		}
	}
	r.alarmARNs = arns
	for _, sc := range r.gd.Scenarios {
		ps := PlanScenario{Name: sc.Name}
		for _, fr := range r.faults[sc.Name] {
			pf := r.planFault(ctx, fr)
			if pf.Error != "" {
				p.Problems = append(p.Problems, pf.Error)
			}
			for _, c := range pf.Permissions {
				if c.Verified && !c.Allowed {
					p.Problems = append(p.Problems, fmt.Sprintf("fault %s: %s is denied%s", fr.ID, c.Action, detailSuffix(c.Detail)))
				}
			}
			if !pf.Effect.Reversible {
				p.Irreversible = append(p.Irreversible, fmt.Sprintf("%s: %s%s", fr.ID, pf.Effect.Action, detailSuffix(pf.Effect.Note)))
			}
			ps.Faults = append(ps.Faults, pf)
		}
		p.Scenarios = append(p.Scenarios, ps)
	}
	if err := r.ambiguousDryRuns(); err != nil {
		p.Problems = append(p.Problems, err.Error())
	}
	if steady {
		p.Steady = map[string]string{}
		st, err := r.sched.SteadyState(ctx, r.opts.SteadyWarmup, r.opts.SteadyChecks)
		if err != nil {
			return nil, err
		}
		for _, sp := range st.Probes {
			if sp.Steady {
				p.Steady[sp.Name] = "steady"
			} else {
				p.Steady[sp.Name] = "not steady: " + sp.Last.Detail
				p.Problems = append(p.Problems, fmt.Sprintf("probe %s is not steady: %s", sp.Name, sp.Last.Detail))
			}
		}
	}
	return p, nil
}

func (r *Runner) planFault(ctx context.Context, fr *faultRun) PlanFault {
	pf := PlanFault{ID: fr.ID, Kind: fr.Cfg.Kind, Effect: fr.Fault.Effect(), Targets: []engine.Target{}, Excluded: []engine.Exclusion{}, Permissions: []engine.Check{}}
	if fr.Cfg.StartAfter > 0 {
		pf.StartAfter = fr.Cfg.StartAfter.String()
	}
	if fr.Cfg.Duration > 0 {
		pf.Duration = fr.Cfg.Duration.String()
	}
	g, err := r.selectGuarded(ctx, fr)
	pf.Candidates, pf.Seed, pf.Notes = g.Candidates, g.Seed, g.Notes
	pf.Excluded = append(pf.Excluded, g.Excluded...)
	pf.Targets = append(pf.Targets, g.Targets()...)
	sort.SliceStable(pf.Targets, func(i, j int) bool { return pf.Targets[i].AZ < pf.Targets[j].AZ })
	pf.BlastRadius = engine.BlastRadius(pf.Targets)
	if err != nil {
		pf.Error = err.Error()
		return pf
	}
	fr.Sel = g
	if g.Len() > 0 {
		pf.Permissions = append(pf.Permissions, fr.Fault.Preflight(ctx, g)...)
	}
	return pf
}
