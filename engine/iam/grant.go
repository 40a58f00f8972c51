package iam

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Grant collects what a game day needs from IAM: the caller's statements,
// the FIS experiment roles and the notes a reader must act on. The policy
// builder walks the game day and hands the Grant to each fault kind, which
// adds exactly the calls it makes; nothing outside the kind knows them.
type Grant struct {
	// Scope builds the ARNs.
	Scope Scope
	// Protected are the guard's protected_tags: every mutating action is
	// also denied on resources carrying one (see Protect).
	Protected map[string]string
	caller    []Statement
	roles     map[string]*Role
	notes     []string
}

// Role is a FIS experiment role: what FIS may do while it runs the
// experiment, and who may assume the role.
type Role struct {
	RoleARN string `json:"role_arn"`
	// Faults are the fault ids (scenario/kind.name) using the role.
	Faults      []string `json:"faults"`
	Policy      Document `json:"permissions_policy"`
	TrustPolicy Document `json:"trust_policy"`
}

// Add appends an Allow statement to the role's permissions policy.
func (r *Role) Add(s Statement) {
	s.Effect = Allow
	r.Policy.Statement = append(r.Policy.Statement, s)
}

// NewGrant starts an empty grant in scope.
func NewGrant(scope Scope, protected map[string]string) *Grant {
	return &Grant{Scope: scope, Protected: protected, roles: map[string]*Role{}}
}

// Allow adds an Allow statement to the caller's policy.
func (g *Grant) Allow(s Statement) {
	s.Effect = Allow
	g.caller = append(g.caller, s)
}

// Deny adds a Deny statement to the caller's policy.
func (g *Grant) Deny(s Statement) {
	s.Effect = Deny
	g.caller = append(g.caller, s)
}

// Note records something the policy cannot express, once.
func (g *Grant) Note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	if !slices.Contains(g.notes, n) {
		g.notes = append(g.notes, n)
	}
}

// Role returns the experiment role roleARN, created with trust on first use,
// and records that fault uses it.
func (g *Grant) Role(roleARN, fault string, trust func() Document) *Role {
	r := g.roles[roleARN]
	if r == nil {
		r = &Role{RoleARN: roleARN, Policy: Document{Version: PolicyVersion}, TrustPolicy: trust()}
		g.roles[roleARN] = r
	}
	r.Faults = append(r.Faults, fault)
	return r
}

// Caller returns the caller's statements, normalized.
func (g *Grant) Caller() []Statement { return Normalize(g.caller) }

// Roles returns the experiment roles by ARN, each policy normalized.
func (g *Grant) Roles() []Role {
	arns := make([]string, 0, len(g.roles))
	for a := range g.roles {
		arns = append(arns, a)
	}
	slices.Sort(arns)
	out := make([]Role, 0, len(arns))
	for _, a := range arns {
		r := *g.roles[a]
		r.Policy.Statement = Normalize(r.Policy.Statement)
		out = append(out, r)
	}
	return out
}

// Notes returns the notes in the order they were first made.
func (g *Grant) Notes() []string { return g.notes }

// Protect denies actions on resources carrying any protected tag: the
// guard's promise, enforced by IAM too. tagKey is the condition key prefix
// of the service ("ec2:ResourceTag/", "aws:ResourceTag/").
func (g *Grant) Protect(words, actions, resources []string, tagKey string) {
	for _, k := range slices.Sorted(maps.Keys(g.Protected)) {
		v := g.Protected[k]
		g.Deny(Statement{Sid: Sid(append(append([]string{"Protect"}, words...), k)...), Action: actions, Resource: resources,
			Why: fmt.Sprintf("The guard's protected_tags: never change a resource tagged %s = %s, even if the selection were wrong.", k, v)}.
			With("StringEquals", tagKey+k, v))
	}
}

// ReadAZs lets a fault check that the Availability Zone it names exists
// (a fault aimed at a missing zone would hit nothing and pass).
func (g *Grant) ReadAZs() {
	g.Allow(Statement{Sid: "ReadAvailabilityZones", Action: []string{"ec2:DescribeAvailabilityZones"}, Resource: []string{"*"},
		Why: "Faults that name an Availability Zone check that it exists with DescribeAvailabilityZones (no resource-level permissions)."})
}

// Fault names one fault block for the statements a kind adds.
type Fault struct {
	// ID is "scenario/kind.name".
	ID string
	// Words are the scenario and fault names, for statement ids.
	Words []string
}

// Sid names a statement of this fault block ("FaultCheckoutWebInstances").
func (f Fault) Sid(what string) string {
	return Sid(append(append([]string{"Fault"}, f.Words...), what)...)
}

// Sid builds a statement id from words: IAM allows only [A-Za-z0-9].
func Sid(words ...string) string {
	var b strings.Builder
	for _, w := range words {
		up := true
		for _, r := range w {
			switch {
			case r >= 'a' && r <= 'z':
				if up {
					r -= 'a' - 'A'
				}
				b.WriteRune(r)
				up = false
			case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				b.WriteRune(r)
				up = false
			default:
				up = true
			}
		}
	}
	return b.String()
}

// TagPrefix matches every tag key gameday writes ("gameday:run",
// "gameday:fault", "gameday:snapshot:<dest>").
const TagPrefix = "gameday:*"
