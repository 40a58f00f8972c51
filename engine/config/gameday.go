package config

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// GameDay is one decoded game-day file.
type GameDay struct {
	Name        string
	Description string
	// Region is where the game day runs; empty means the region of the
	// AWS configuration.
	Region string
	Tags   map[string]string
	// Guard is nil when the file has no guard block.
	Guard          *Guard
	StopConditions []*StopCondition
	Probes         []*Probe
	Canaries       []*Canary
	Scenarios      []*Scenario
	// Report is never nil: defaults apply when the block is absent.
	Report *Report
	// Schedule is nil when the file has no schedule block.
	Schedule *Schedule
	// Retention is nil when the file has no retention block: every run
	// is kept.
	Retention *Retention
	Variables map[string]*Variable
	Locals    map[string]cty.Value
	// SensitiveValues are the values of every argument and local computed
	// from a sensitive variable (or from a local computed from one), such
	// as a probe URL carrying a token in its query: what the game day
	// derived from its secrets, which no output may show either.
	SensitiveValues []cty.Value
	// UsesSandbox is true when any expression refers to sandbox.*: such a
	// file only makes sense against the built-in sandbox, and a run
	// against real AWS must refuse it.
	UsesSandbox bool
	Filename    string
	DeclRange   hcl.Range
	AttrRanges  map[string]hcl.Range
}

// Probe returns the probe ref names, or nil.
func (g *GameDay) Probe(ref Ref) *Probe {
	for _, p := range g.Probes {
		if p.Kind == ref.Kind && p.Name == ref.Name {
			return p
		}
	}
	return nil
}

func gamedaySchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "description"}, {Name: "region"}, {Name: "tags"}},
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "guard"},
			{Type: "stop_when", LabelNames: []string{"kind", "name"}},
			{Type: "probe", LabelNames: []string{"kind", "name"}},
			{Type: "canary", LabelNames: []string{"kind", "name"}},
			{Type: "scenario", LabelNames: []string{"name"}},
			{Type: "report"},
			{Type: "schedule"},
			{Type: "retention"},
		},
	}
}

func decodeGameDay(d *Decoder, reg *Registry, blk *hcl.Block) *GameDay {
	checkName(d, blk.Labels[0], blk.LabelRanges[0], "game day")
	a := d.Content(blk.Body, gamedaySchema())
	g := &GameDay{
		Name:        blk.Labels[0],
		Description: a.String("description"),
		Region:      checkRegion(a, "region"),
		Tags:        a.StringMap("tags"),
		DeclRange:   blk.DefRange,
		AttrRanges:  a.Ranges(),
	}
	if gb := a.Block("guard"); gb != nil {
		g.Guard = decodeGuard(d, gb)
	}
	for _, b := range a.Blocks("stop_when") {
		g.StopConditions = append(g.StopConditions, decodeStop(d, reg, b))
	}
	for _, b := range a.Blocks("probe") {
		g.Probes = append(g.Probes, decodeProbe(d, reg, b))
	}
	for _, b := range a.Blocks("canary") {
		g.Canaries = append(g.Canaries, decodeCanary(d, reg, b))
	}
	for _, b := range a.Blocks("scenario") {
		g.Scenarios = append(g.Scenarios, decodeScenario(d, reg, b))
	}
	g.Report = defaultReport()
	if rb := a.Block("report"); rb != nil {
		g.Report = decodeReport(d, rb)
	}
	if sb := a.Block("schedule"); sb != nil {
		g.Schedule = decodeSchedule(d, sb)
	}
	if rb := a.Block("retention"); rb != nil {
		g.Retention = decodeRetention(d, rb)
	}
	checkGameDay(d, reg, g)
	return g
}
