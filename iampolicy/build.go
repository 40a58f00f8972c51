package iampolicy

import (
	"fmt"
	"sort"
	"strings"

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
type FISRole struct {
	RoleARN string `json:"role_arn"`
	// Faults are the fault ids (scenario/kind.name) using the role.
	Faults      []string `json:"faults"`
	Policy      Document `json:"permissions_policy"`
	TrustPolicy Document `json:"trust_policy"`
}

// Build derives the policy from a loaded (valid) game day. It calls nothing.
func Build(gd *config.GameDay, o Options) (*Report, error) {
	if gd == nil {
		return nil, fmt.Errorf("no game day to derive a policy from")
	}
	b := &builder{gd: gd, roles: map[string]*FISRole{}}
	b.sc, b.notes = scopeFor(gd, o)
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
	r := &Report{GameDay: gd.Name, File: gd.Filename, Account: b.sc.account, Region: b.sc.region,
		CallerPolicy: Document{Version: PolicyVersion, Statement: normalize(b.caller)}}
	arns := make([]string, 0, len(b.roles))
	for a := range b.roles {
		arns = append(arns, a)
	}
	sort.Strings(arns)
	for _, a := range arns {
		role := *b.roles[a]
		role.Policy.Statement = normalize(role.Policy.Statement)
		r.FISRoles = append(r.FISRoles, role)
	}
	// IAM's quotas: 6,144 characters for a managed policy, 10,240 for all
	// inline policies of a role.
	if n := r.CallerPolicy.MinifiedSize(); n > 6144 {
		b.note("the caller policy is %d characters without whitespace, over the 6,144 a managed policy holds: attach it inline (10,240 per role) or split it by scenario", n)
	}
	r.Notes = b.notes
	return r, nil
}

// builder collects statements while walking the game day.
type builder struct {
	gd     *config.GameDay
	sc     scope
	caller []Statement
	roles  map[string]*FISRole
	notes  []string
}

func (b *builder) allow(s Statement) {
	s.Effect = Allow
	b.caller = append(b.caller, s)
}

func (b *builder) deny(s Statement) {
	s.Effect = Deny
	b.caller = append(b.caller, s)
}

func (b *builder) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	for _, have := range b.notes {
		if have == n {
			return
		}
	}
	b.notes = append(b.notes, n)
}

func scopeFor(gd *config.GameDay, o Options) (scope, []string) {
	var notes []string
	s := scope{region: o.Region, account: o.Account}
	if s.region == "" {
		s.region = gd.Region
	}
	if s.region == "" {
		s.region = "*"
		notes = append(notes, "the game day names no region: ARNs use region \"*\" (give --region to narrow them)")
	}
	if s.account == "" && gd.Guard != nil && len(gd.Guard.Accounts) == 1 {
		s.account = gd.Guard.Accounts[0]
	}
	if s.account == "" {
		s.account = "*"
		notes = append(notes, "the guard does not name exactly one account: ARNs use account \"*\" (give --account to narrow them)")
	}
	s.partition = partitionOf(s.region)
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
	bucketARN := "arn:" + b.sc.partition + ":s3:::" + loc.Bucket
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
		list = list.with("StringLike", "s3:prefix", prefix, listPrefix)
	}
	b.allow(list)
	if loc.Region == "" {
		b.allow(Statement{Sid: "StateBucketLocation", Action: []string{"s3:GetBucketLocation"}, Resource: []string{bucketARN},
			Why: "Without ?region= in the state URL the bucket's region is looked up (GetBucketLocation) so that the right endpoint is used; add ?region= to drop this permission."})
	}
	return nil
}
