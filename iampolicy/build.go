package iampolicy

import (
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/iam"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/state"
)

// Options say what Build cannot read from the game-day file.
type Options struct {
	// Account is the AWS account id in ARNs; empty: the guard's account
	// when it lists exactly one, else "*".
	Account string
	// Region overrides the game day's region in ARNs; empty: the game
	// day's region, else "*".
	Region string
	// StateURL is the run-state location (--state). An s3://bucket/prefix
	// URL adds the S3 actions of the state backend; a local directory (or
	// empty) needs nothing.
	StateURL string
}

// Report is the policy a game day needs, in sections.
type Report struct {
	GameDay string `json:"gameday"`
	File    string `json:"file"`
	Account string `json:"account"`
	Region  string `json:"region"`
	// CallerPolicy is the permissions policy of the identity that runs
	// gameday (a CI role, an operator's role).
	CallerPolicy Document `json:"caller_policy"`
	// FISRoles are the experiment roles of the FIS templates gameday
	// generates, one per distinct role ARN.
	FISRoles []FISRole `json:"fis_experiment_roles,omitempty"`
	// Notes are what the policy cannot express or what the reader must
	// decide (unknown account, optional KMS grants...).
	Notes []string `json:"notes,omitempty"`
}

// FISRole is a FIS experiment role: what FIS may do while it runs the
// experiment, and who may assume the role.
type FISRole = iam.Role

// The policy language lives in engine/iam, where fault kinds write to it.
type (
	Document  = iam.Document
	Statement = iam.Statement
	Condition = iam.Condition
)

// PolicyVersion is the only current IAM policy language version.
const PolicyVersion = iam.PolicyVersion

// Effects.
const (
	Allow = iam.Allow
	Deny  = iam.Deny
)

// Build derives the policy from a loaded (valid) game day. It calls nothing.
// Every fault's needs come from its kind (kinds), which knows the calls it
// makes; a fault whose kind is not in kinds is an error, never a policy
// that would miss its calls.
func Build(gd *config.GameDay, kinds engine.Kinds, o Options) (*Report, error) {
	if gd == nil {
		return nil, fmt.Errorf("no game day to derive a policy from")
	}
	sc, notes := scopeFor(gd, o)
	var protected map[string]string
	if gd.Guard != nil {
		protected = gd.Guard.ProtectedTags
	}
	b := &builder{gd: gd, kinds: kinds, sc: sc, g: iam.NewGrant(sc, protected)}
	for _, n := range notes {
		b.note("%s", n)
	}
	b.identity()
	if err := b.state(o.StateURL); err != nil {
		return nil, err
	}
	for _, sc := range gd.StopConditions {
		b.stop(sc)
	}
	for _, p := range gd.Probes {
		b.probe(p)
	}
	for _, c := range gd.Canaries {
		b.canary(c)
	}
	if gd.Report != nil && gd.Report.Metrics != nil {
		b.metrics(gd.Report.Metrics.Namespace)
	}
	for _, sc := range gd.Scenarios {
		for _, f := range sc.Faults {
			if err := b.fault(sc, f); err != nil {
				return nil, err
			}
		}
	}
	r := &Report{GameDay: gd.Name, File: gd.Filename, Account: b.sc.Account, Region: b.sc.Region,
		CallerPolicy: Document{Version: PolicyVersion, Statement: b.g.Caller()}, FISRoles: b.g.Roles()}
	// IAM's quotas: 6,144 characters for a managed policy, 10,240 for all
	// inline policies of a role.
	if n := r.CallerPolicy.MinifiedSize(); n > 6144 {
		b.note("the caller policy is %d characters without whitespace, over the 6,144 a managed policy holds: attach it inline (10,240 per role) or split it by scenario", n)
	}
	r.Notes = b.g.Notes()
	return r, nil
}

// builder collects statements while walking the game day.
type builder struct {
	gd    *config.GameDay
	kinds engine.Kinds
	sc    iam.Scope
	g     *iam.Grant
}

func (b *builder) allow(s Statement)               { b.g.Allow(s) }
func (b *builder) note(format string, args ...any) { b.g.Note(format, args...) }

// fault asks the fault's kind for the calls it makes.
func (b *builder) fault(sc *config.Scenario, f *config.Fault) error {
	id := fmt.Sprintf("%s/%s.%s", sc.Name, f.Kind, f.Name)
	k, ok := b.kinds[f.Kind]
	if !ok || k.IAM == nil {
		return fmt.Errorf("fault %s: kind %s has no known IAM actions; not emitting a policy that would miss them", id, f.Kind)
	}
	if err := k.IAM(f.Spec, iam.Fault{ID: id, Words: []string{sc.Name, f.Name}}, b.g); err != nil {
		return fmt.Errorf("fault %s: %w", id, err)
	}
	return nil
}

func scopeFor(gd *config.GameDay, o Options) (iam.Scope, []string) {
	var notes []string
	s := iam.Scope{Region: o.Region, Account: o.Account}
	if s.Region == "" {
		s.Region = gd.Region
	}
	if s.Region == "" {
		s.Region = "*"
		notes = append(notes, "the game day names no region: ARNs use region \"*\" (give --region to narrow them)")
	}
	if s.Account == "" && gd.Guard != nil && len(gd.Guard.Accounts) == 1 {
		s.Account = gd.Guard.Accounts[0]
	}
	if s.Account == "" {
		s.Account = "*"
		notes = append(notes, "the guard does not name exactly one account: ARNs use account \"*\" (give --account to narrow them)")
	}
	s.Partition = iam.PartitionOf(s.Region)
	return s, notes
}

// identity: the runner checks the caller's account against the guard first.
func (b *builder) identity() {
	b.allow(Statement{Sid: "CallerIdentity", Action: []string{"sts:GetCallerIdentity"}, Resource: []string{"*"},
		Why: "The runner reads the caller's account (sts:GetCallerIdentity) to check it against the guard before anything else; AWS allows this call to everyone, it is listed so that the policy names every call."})
}

// state adds the S3 state backend's actions for an s3:// state URL: whole
// objects written (conditional writes for the lock), read, listed and
// deleted under the prefix.
func (b *builder) state(raw string) error {
	if raw == "" {
		return nil
	}
	loc, err := state.Parse(raw)
	if err != nil {
		return fmt.Errorf("not deriving the state backend's permissions: %w", err)
	}
	if loc.Bucket == "" {
		return nil // a local directory needs no AWS permission
	}
	prefix := strings.Trim(loc.Prefix, "/")
	bucketARN := "arn:" + b.sc.Partition + ":s3:::" + loc.Bucket
	objects, listPrefix := bucketARN+"/*", ""
	if prefix != "" {
		objects, listPrefix = bucketARN+"/"+prefix+"/*", prefix+"/*"
	}
	b.allow(Statement{Sid: "StateObjects", Action: []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"},
		Resource: []string{objects},
		Why:      "The S3 state backend (--state " + raw + ") writes, reads and deletes the run journals, records and locks under its prefix only (the lock's conditional writes need nothing more)."})
	list := Statement{Sid: "StateList", Action: []string{"s3:ListBucket"}, Resource: []string{bucketARN},
		Why: "ListObjectsV2 (IAM action s3:ListBucket) finds the runs under the state prefix."}
	if prefix != "" {
		list.Why += " The s3:prefix condition keeps it to that prefix."
		list = list.With("StringLike", "s3:prefix", prefix, listPrefix)
	}
	b.allow(list)
	if loc.Region == "" {
		b.allow(Statement{Sid: "StateBucketLocation", Action: []string{"s3:GetBucketLocation"}, Resource: []string{bucketARN},
			Why: "Without ?region= in the state URL the bucket's region is looked up (GetBucketLocation) so that the right endpoint is used; add ?region= to drop this permission."})
	}
	return nil
}
