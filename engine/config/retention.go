package config

import "github.com/hashicorp/hcl/v2"

// Retention is a game day's `retention` block: how many of its runs the
// state store keeps. After each run, older runs of the game day are
// removed (journal, record, history entry), except a run whose journal
// says changes may still be in effect: that one is kept until recovered.
type Retention struct {
	// Keep is how many of the newest runs stay.
	Keep       int
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// MaxRetention bounds keep; a larger history is kept by leaving the
// block out.
const MaxRetention = 100000

func decodeRetention(d *Decoder, blk *hcl.Block) *Retention {
	a := d.Content(blk.Body, Schema([]string{"keep!"}))
	r := &Retention{Keep: a.Int("keep", 0), DeclRange: blk.DefRange, AttrRanges: a.Ranges()}
	if a.Has("keep") && (r.Keep < 1 || r.Keep > MaxRetention) {
		a.Errorf("keep", "Value out of range", "keep is how many of the game day's newest runs the state store keeps: from 1 to %d; %d was given.", MaxRetention, r.Keep)
		r.Keep = 0
	}
	return r
}

// checkRetention refuses a retention that would prune the runs a
// baseline compares with.
func checkRetention(d *Decoder, g *GameDay) {
	r := g.Retention
	if r == nil || r.Keep == 0 {
		return
	}
	for _, sc := range g.Scenarios {
		if sc.Objectives == nil || sc.Objectives.Baseline == nil {
			continue
		}
		if b := sc.Objectives.Baseline; r.Keep < b.Runs {
			d.Errorf(r.AttrRanges["keep"], "Retention below the baseline", "The state store would keep %d run(s), but scenario %q compares with its last %d comparable runs (%s); keep at least %d.", r.Keep, sc.Name, b.Runs, b.DeclRange, b.Runs)
			return
		}
	}
}
