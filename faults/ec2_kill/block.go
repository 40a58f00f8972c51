package ec2kill

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/gameday-dev/gameday/engine/config"
)

// Config is an ec2_kill block as decoded: it terminates, stops or reboots selected instances (kind
// "ec2_kill"). Stopped instances are started again after the fault's
// duration; an instance stopped inside an Auto Scaling group is replaced by
// the group instead, exactly as a terminate would be.
type Config struct {
	Action string // terminate, stop or reboot
	Select Selector
	// Seed makes a random pick of instances reproducible; nil means a
	// fresh seed, recorded in the journal.
	Seed *int64
	// MaxTargets overrides the guard's cap for this fault, downwards only
	// (0: use the guard's).
	MaxTargets int
	// AllowEmpty skips the fault when nothing matches (nil: use the
	// guard's allow_empty_selection).
	AllowEmpty *bool
	// BatchSize is the most instances per API call (0: EC2's maximum,
	// 1000); smaller batches are kinder to the account's rate limits.
	BatchSize int
	// Force stops without an OS shutdown (StopInstances Force).
	Force      bool
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Selector picks instances: either explicit IDs, or filters (tags, ASG,
// AZ, combined with AND) and a size (Count, Percent or All).
type Selector struct {
	IDs        []string
	Tags       map[string]string
	ASG        string
	AZ         string
	Count      int
	Percent    int
	All        bool
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

func block() config.Kind {
	return config.Kind{
		Name:   Name,
		Check:  check,
		Schema: config.Schema([]string{"action!", "seed", "max_targets", "allow_empty", "batch_size", "force"}, "select"),
		Decode: func(b config.KindBody) any {
			a := b.Args
			d := a.Decoder()
			k := &Config{
				Action:     a.Enum("action", "", "terminate", "stop", "reboot"),
				MaxTargets: a.Int("max_targets", 0),
				BatchSize:  a.Int("batch_size", 0),
				Force:      a.Bool("force", false),
				DeclRange:  b.DeclRange,
				AttrRanges: a.Ranges(),
			}
			if a.Has("seed") {
				s := a.Int64("seed", 0)
				k.Seed = &s
			}
			if a.Has("allow_empty") {
				v := a.Bool("allow_empty", false)
				k.AllowEmpty = &v
			}
			if a.Has("max_targets") && k.MaxTargets < 1 {
				a.Errorf("max_targets", "Value out of range", "max_targets must be at least 1; %d was given.", k.MaxTargets)
			}
			if a.Has("batch_size") && (k.BatchSize < 1 || k.BatchSize > 1000) {
				a.Errorf("batch_size", "Value out of range", "batch_size must be between 1 and 1000 (EC2's limit per call); %d was given.", k.BatchSize)
			}
			if a.Has("force") && k.Action != "stop" {
				a.Errorf("force", "Argument not applicable", "force only applies to action \"stop\" (stop without an OS shutdown).")
			}
			// Only a stopped instance can be put back; terminate and
			// reboot have nothing to revert after a duration.
			if b.Common.Present("duration") && (k.Action == "terminate" || k.Action == "reboot") {
				b.Common.Errorf("duration", "Duration not applicable", "A %s cannot be undone, so duration only applies to action \"stop\" (how long instances stay stopped).", k.Action)
			}
			if k.Action == "stop" && !b.Common.Present("duration") {
				config.RequireDuration(b, "ec2_kill stop")
			}
			blk := a.Block("select")
			if blk == nil {
				d.Errorf(b.DeclRange, "Missing select block", "An ec2_kill fault needs a select block saying which instances to act on, such as select { asg = \"web\"  count = 1 }.")
				return k
			}
			k.Select = decodeEC2Selector(d, blk)
			return k
		},
	}
}

func decodeEC2Selector(d *config.Decoder, blk *hcl.Block) Selector {
	a := d.Content(blk.Body, config.Schema([]string{"ids", "tags", "asg", "az", "count", "percent", "all"}))
	s := Selector{
		IDs:        config.CheckIDs(a, "ids", "i"),
		Tags:       a.StringMap("tags"),
		ASG:        a.String("asg"),
		AZ:         config.CheckAZ(a, "az"),
		Count:      a.Int("count", 0),
		Percent:    a.Int("percent", 0),
		All:        a.Bool("all", false),
		DeclRange:  blk.DefRange,
		AttrRanges: a.Ranges(),
	}
	filters := []string{"tags", "asg", "az"}
	if a.Present("ids") {
		// Explicit IDs are the whole selection; mixing them with filters
		// would make it unclear which one wins.
		for _, f := range append(filters, "count", "percent", "all") {
			if a.Present(f) {
				a.Errorf(f, "Conflicting arguments", "The argument %q cannot be used with \"ids\": explicit instance IDs are the whole selection.", f)
			}
		}
		return s
	}
	if !a.Present("tags") && !a.Present("asg") && !a.Present("az") {
		d.Errorf(blk.DefRange, "Missing instance selector", "The select block needs \"ids\", or at least one of \"tags\", \"asg\" and \"az\"; selecting every instance of the account is never intended.")
	}
	for _, f := range []string{"asg", "az"} {
		if a.Has(f) && ((f == "asg" && s.ASG == "") || (f == "az" && s.AZ == "")) {
			a.Errorf(f, "Empty value", "An empty %q filters nothing; remove it or give a value.", f)
		}
	}
	if a.Has("tags") && len(s.Tags) == 0 {
		a.Errorf("tags", "Empty map", "An empty tag filter matches every instance; remove it or give at least one tag.")
	}
	size := a.Exclusive("count", "percent", "all")
	if len(size) == 0 {
		d.Errorf(blk.DefRange, "Missing selection size", "Say how many of the matching instances to act on with \"count\", \"percent\" or all = true.")
	}
	if a.Has("count") && s.Count < 1 {
		a.Errorf("count", "Value out of range", "count must be at least 1; %d was given.", s.Count)
	}
	if a.Has("percent") && (s.Percent < 1 || s.Percent > 100) {
		a.Errorf("percent", "Value out of range", "percent must be between 1 and 100; %d was given.", s.Percent)
	}
	if a.Has("all") && !s.All {
		a.Errorf("all", "Invalid value", "all = false selects nothing; use \"count\" or \"percent\" instead.")
	}
	return s
}

// check relates the block to the game day: an AZ of its region, a
// max_targets no higher than the guard's, a selection that fits.
func check(c config.KindCheck) {
	k, ok := c.Spec.(*Config)
	if !ok {
		return
	}
	config.CheckAZRegion(c.D, c.GameDay, k.Select.AZ, k.Select.AttrRanges["az"])
	if k.MaxTargets > 0 {
		config.CheckMaxTargets(c.D, c.GameDay, k.MaxTargets, k.AttrRanges["max_targets"])
	}
	n, arg := k.Select.Count, "count"
	if len(k.Select.IDs) > 0 {
		n, arg = len(k.Select.IDs), "ids"
	}
	config.CheckTargetCount(c.D, c.GameDay, k.MaxTargets, n, "instances", k.Select.AttrRanges[arg])
}
