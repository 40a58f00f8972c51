package config

import "github.com/hashicorp/hcl/v2"

// Scenario is a `scenario "<name>"` block: faults injected together, then
// reverted, and the objectives the observed recovery is judged against.
type Scenario struct {
	Name        string
	Description string
	Faults      []*Fault
	// Objectives is nil when the scenario has none: it is then observed
	// and reported but cannot miss.
	Objectives *Objectives
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

func decodeScenario(d *Decoder, reg *Registry, blk *hcl.Block) *Scenario {
	checkName(d, blk.Labels[0], blk.LabelRanges[0], "scenario")
	a := d.Content(blk.Body, &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "description"}},
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "fault", LabelNames: []string{"kind", "name"}},
			{Type: "objectives"},
		},
	})
	s := &Scenario{Name: blk.Labels[0], Description: a.String("description"), DeclRange: blk.DefRange, AttrRanges: a.Ranges()}
	seen := map[string]*Fault{}
	for _, fb := range a.Blocks("fault") {
		f := decodeFault(d, reg, fb)
		if prev, dup := seen[f.Name]; dup {
			d.Errorf(fb.LabelRanges[1], "Duplicate fault name", "This scenario already has a fault named %q at %s; fault names identify faults in the journal and reports, so they must be unique within a scenario.", f.Name, prev.DeclRange)
			continue
		}
		seen[f.Name] = f
		s.Faults = append(s.Faults, f)
	}
	if len(a.Blocks("fault")) == 0 {
		d.Errorf(blk.DefRange, "Scenario without faults", "The scenario %q has no fault blocks; add at least one, such as fault \"ec2_kill\" \"web\" { ... }.", s.Name)
	}
	if ob := a.Block("objectives"); ob != nil {
		s.Objectives = decodeObjectives(d, ob)
	}
	return s
}
