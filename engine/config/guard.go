package config

import "github.com/hashicorp/hcl/v2"

// Guard holds the safety limits checked before any mutation: a run refuses
// to start when the caller's account or region is not listed, and a fault
// refuses targets carrying a protected tag or exceeding MaxTargets.
type Guard struct {
	Accounts []string
	Regions  []string
	// ProtectedTags: a target carrying any of these key = value pairs is
	// never touched.
	ProtectedTags map[string]string
	// MaxTargets caps the targets of each fault.
	MaxTargets int
	// AllowEmptySelection lets a fault that selects nothing be skipped
	// instead of failing the game day.
	AllowEmptySelection bool
	DeclRange           hcl.Range
	AttrRanges          map[string]hcl.Range
}

// DefaultMaxTargets caps targets per fault when the guard does not say:
// large enough for a staging ASG, small enough that a wrong selector cannot
// take out a fleet.
const DefaultMaxTargets = 10

func decodeGuard(d *Decoder, blk *hcl.Block) *Guard {
	a := d.Content(blk.Body, Schema([]string{"accounts", "regions", "protected_tags", "max_targets", "allow_empty_selection"}))
	g := &Guard{
		Accounts:            a.Strings("accounts"),
		Regions:             a.Strings("regions"),
		ProtectedTags:       a.StringMap("protected_tags"),
		MaxTargets:          a.Int("max_targets", DefaultMaxTargets),
		AllowEmptySelection: a.Bool("allow_empty_selection", false),
		DeclRange:           blk.DefRange,
		AttrRanges:          a.Ranges(),
	}
	for _, acc := range g.Accounts {
		if !d.Match(`^[0-9]{12}$`, acc) {
			a.Errorf("accounts", "Invalid account ID", "AWS account IDs are exactly 12 digits, written as a string to keep leading zeros; %q is not one.", acc)
			break
		}
	}
	for _, r := range g.Regions {
		if !isRegion(r) {
			a.Errorf("regions", "Unknown region", "%q is not an AWS region name, such as \"us-east-1\".%s", r, DidYouMean(r, awsRegions()))
			break
		}
	}
	if a.Has("accounts") && len(g.Accounts) == 0 {
		a.Errorf("accounts", "Empty list", "An empty account list would refuse every account; remove the argument or list the accounts allowed.")
	}
	if a.Has("regions") && len(g.Regions) == 0 {
		a.Errorf("regions", "Empty list", "An empty region list would refuse every region; remove the argument or list the regions allowed.")
	}
	if a.Has("max_targets") && g.MaxTargets < 1 {
		a.Errorf("max_targets", "Value out of range", "max_targets must be at least 1; %d was given.", g.MaxTargets)
		g.MaxTargets = DefaultMaxTargets
	}
	return g
}
