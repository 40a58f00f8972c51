package fisaz

import (
	"slices"
	"time"

	"github.com/gameday-dev/gameday/engine/config"

	"github.com/hashicorp/hcl/v2"
)

// Config runs an AWS FIS experiment that takes one Availability Zone
// away (kind "fis_az_blackout"): either a template gameday generates from
// AZ, Actions, TargetTags and RoleARN, or an existing template (TemplateID),
// never both.
type Config struct {
	AZ         string
	Actions    []string
	TargetTags map[string]string
	RoleARN    string
	TemplateID string
	// MirrorStopAlarms copies the game day's cloudwatch_alarm stop
	// conditions into the template's stop conditions, so FIS itself stops
	// the experiment even if gameday has died.
	MirrorStopAlarms bool
	DeclRange        hcl.Range
	AttrRanges       map[string]hcl.Range
}

// FIS actions a generated template may contain, in the order they are
// added to it.
const (
	FISStopInstances       = "stop-instances"
	FISDisruptConnectivity = "disrupt-connectivity"
	FISASGCapacityError    = "asg-capacity-error"
	FISRDSFailover         = "rds-failover"
	fisMinActionDuration   = time.Minute // FIS durations are PT1M..PT12H
	fisTemplateIDPattern   = `^EXT[0-9A-Za-z]{1,64}$`
	iamRoleARNPattern      = `^arn:aws(-cn|-us-gov|-eusc)?:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$`
)

// FISActions returns every action a generated template may contain.
func FISActions() []string {
	return []string{FISStopInstances, FISDisruptConnectivity, FISASGCapacityError, FISRDSFailover}
}

func block() config.Kind {
	return config.Kind{
		Name:   Name,
		Check:  check,
		Schema: config.Schema([]string{"az", "actions", "target_tags", "role_arn", "template_id", "mirror_stop_alarms"}),
		Decode: func(b config.KindBody) any {
			a := b.Args
			d := a.Decoder()
			f := &Config{
				AZ:               config.CheckAZ(a, "az"),
				Actions:          a.Strings("actions"),
				TargetTags:       a.StringMap("target_tags"),
				RoleARN:          a.String("role_arn"),
				TemplateID:       a.String("template_id"),
				MirrorStopAlarms: a.Bool("mirror_stop_alarms", true),
				DeclRange:        b.DeclRange,
				AttrRanges:       a.Ranges(),
			}
			if a.Present("template_id") {
				if f.TemplateID != "" && !d.Match(fisTemplateIDPattern, f.TemplateID) {
					a.Errorf("template_id", "Invalid template ID", "FIS experiment template IDs look like \"EXTabc123def456\"; %q is not one.", f.TemplateID)
				}
				for _, n := range []string{"az", "actions", "target_tags", "role_arn"} {
					if a.Present(n) {
						a.Errorf(n, "Conflicting arguments", "The argument %q describes a generated template and cannot be used with \"template_id\", which runs an existing template as it is.", n)
					}
				}
				return f
			}
			if !a.Present("az") {
				d.Errorf(b.DeclRange, "Missing required argument", "The argument \"az\" is required unless \"template_id\" names an existing template.")
			}
			if !a.Present("role_arn") {
				d.Errorf(b.DeclRange, "Missing required argument", "The argument \"role_arn\" (the IAM role FIS assumes) is required unless \"template_id\" names an existing template.")
			} else if f.RoleARN != "" && !d.Match(iamRoleARNPattern, f.RoleARN) {
				a.Errorf("role_arn", "Invalid role ARN", "%q is not an IAM role ARN such as \"arn:aws:iam::123456789012:role/fis-gameday\".", f.RoleARN)
			}
			if !a.Present("target_tags") {
				// FIS resolves every target by tags or ARNs; a generated
				// template without tags would be refused at run time.
				d.Errorf(b.DeclRange, "Missing required argument", "The argument \"target_tags\" is required unless \"template_id\" names an existing template: FIS selects the AZ's instances, subnets, groups and clusters by these tags (for example target_tags = { GameDay = \"enabled\" }).")
			} else if a.Has("target_tags") && len(f.TargetTags) == 0 {
				a.Errorf("target_tags", "Empty map", "An empty tag map would let FIS select every resource of the AZ; give at least one tag.")
			}
			config.RequireDuration(b, "fis_az_blackout")
			if !a.Present("actions") {
				f.Actions = FISActions()
			} else {
				checkFISActions(a, f.Actions)
			}
			if dd := b.Common.Duration("duration", 0); dd > 0 && dd < fisMinActionDuration {
				// Real FIS refuses action durations below PT1M; the
				// built-in sandbox accepts them so demos stay short.
				d.WarnRealAWS(b.Common.ExprRange("duration"), "Duration below the FIS minimum", "AWS FIS accepts action durations from 1 minute to 12 hours; %s only works against the built-in sandbox.", dd)
			}
			return f
		},
	}
}

func checkFISActions(a *config.Args, actions []string) {
	if a.Has("actions") && len(actions) == 0 {
		a.Errorf("actions", "Empty list", "An empty action list would do nothing; remove the argument to use every action, or list some of %s.", config.QuoteList(FISActions()))
		return
	}
	seen := map[string]bool{}
	for _, act := range actions {
		if !slices.Contains(FISActions(), act) {
			a.Errorf("actions", "Unsupported value", "%q is not an AZ blackout action; use some of %s.%s", act, config.QuoteList(FISActions()), config.DidYouMean(act, FISActions()))
			return
		}
		if seen[act] {
			a.Errorf("actions", "Duplicate action", "The action %q is listed twice.", act)
			return
		}
		seen[act] = true
	}
}

// check relates the block to the game day: an AZ of its region, and no
// more alarms to mirror than a FIS template takes.
func check(c config.KindCheck) {
	k, ok := c.Spec.(*Config)
	if !ok {
		return
	}
	config.CheckAZRegion(c.D, c.GameDay, k.AZ, k.AttrRanges["az"])
	if k.MirrorStopAlarms && c.Alarms > fisMaxStopConditions {
		c.D.Errorf(c.Fault.DeclRange, "Too many alarms to mirror", "The game day watches %d alarms but an FIS template accepts at most %d stop conditions; set mirror_stop_alarms = false or watch fewer alarms.", c.Alarms, fisMaxStopConditions)
	}
}
