package engine

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Resource is one AWS resource that injecting a target acts on or reaches,
// with the tags it really carries (read from AWS during Select). The guard
// judges a target by all of them: a route is protected when its route
// table, its NAT gateway or a subnet it serves carries a protected tag.
type Resource struct {
	ID   string `json:"id"`
	Type string `json:"type"` // "ec2:instance", "ec2:route-table", "autoscaling:group", ...
	// Tags are the resource's tags; nil with TagsUnread when they could not
	// be read.
	Tags map[string]string `json:"tags,omitempty"`
	// TagsUnread says why the tags are not known. A guard with protected
	// tags refuses such a target: it cannot tell it is not protected.
	TagsUnread string `json:"tags_unread,omitempty"`
}

// Candidate is a target a kind found, before the guard: the target and
// every resource it touches (the target's own resource first).
type Candidate struct {
	Target  Target
	Touches []Resource
}

// Selection is what a kind's Select resolved: every candidate matching the
// fault's selector, unguarded and unchosen. The engine's Guard removes the
// protected ones and then takes the Amount; a kind never chooses itself, so
// that a protected resource can never use up a slot of the selection.
type Selection struct {
	Candidates []Candidate
	// Amount is how many of the guarded candidates to take.
	Amount Amount
	// Seed makes the random choice reproducible; 0 draws one when a choice
	// is made (recorded in Guarded.Seed).
	Seed int64
	// MaxTargets tightens the guard's max_targets for this fault (0: the
	// guard's); it never loosens it.
	MaxTargets int
	// AllowEmpty overrides the guard's allow_empty_selection for this fault
	// (nil: the guard's).
	AllowEmpty *bool
	// Notes are facts plan should show (e.g. "IPv6 egress bypasses NAT").
	Notes []string
}

// GuardPolicy is the game day's guard as it applies to one fault.
type GuardPolicy struct {
	// Protected: resources carrying any of these key = value tags are
	// never selected.
	Protected map[string]string
	// MaxTargets caps one fault's targets (must be > 0).
	MaxTargets int
	// AllowEmpty lets a fault that selects nothing be skipped instead of
	// refusing the run.
	AllowEmpty bool
	// RunID is the run's id: a resource carrying another run's TagRun has
	// a cleanup (or a revert) pending from that run, and is refused rather
	// than adopted and relabelled.
	RunID string
}

// Exclusion is a candidate the guard removed.
type Exclusion struct {
	Target   string `json:"target"`
	Resource string `json:"resource"` // the protected resource (may be the target itself)
	Tag      string `json:"tag"`      // "Environment=production"
}

// Guarded is a selection that went through Guard: protected candidates
// removed, then the amount chosen. Its targets are unexported on purpose:
// the only way to obtain batches to inject is Guard, so no kind and no
// caller can hand the runner an unguarded selection.
type Guarded struct {
	targets []Target
	// Candidates is how many resources matched the selector.
	Candidates int `json:"candidates"`
	// Excluded are the protected candidates left out.
	Excluded []Exclusion `json:"excluded,omitempty"`
	// Seed is the random seed of the choice (0: no random choice).
	Seed  int64    `json:"seed,omitempty"`
	Notes []string `json:"notes,omitempty"`
}

// Targets returns a copy of the guarded targets.
func (g Guarded) Targets() []Target { return append([]Target(nil), g.targets...) }

// Len is the number of guarded targets.
func (g Guarded) Len() int { return len(g.targets) }

// Batches cuts the guarded targets into consecutive batches of at most
// size targets.
func (g Guarded) Batches(size int) []Batch {
	var out []Batch
	for _, ts := range Batches(g.targets, size) {
		out = append(out, Batch{targets: ts})
	}
	return out
}

// Batch is a group of guarded targets injected by one call. It can only be
// made by Guarded.Batches.
type Batch struct{ targets []Target }

// Targets returns a copy of the batch's targets.
func (b Batch) Targets() []Target { return append([]Target(nil), b.targets...) }

// Len is the number of targets in the batch.
func (b Batch) Len() int { return len(b.targets) }

// GuardError is a guard refusal: the fault must not run.
type GuardError struct{ Reason string }

func (e *GuardError) Error() string { return e.Reason }

// Guard applies the guard to a selection, in this order: a candidate that
// touches a resource whose tags are unknown refuses the fault (when tags
// are protected: fail closed); candidates touching a protected resource are
// removed; when every candidate was protected the fault is refused; the
// amount is chosen among what is left; more than max_targets refuses; an
// empty selection refuses unless allowed. It returns the guarded targets
// even with an error, so that plan can show what was found.
func Guard(sel Selection, p GuardPolicy) (Guarded, error) {
	g := Guarded{Candidates: len(sel.Candidates), Notes: append([]string(nil), sel.Notes...)}
	maxT := p.MaxTargets
	if sel.MaxTargets > 0 && (maxT <= 0 || sel.MaxTargets < maxT) {
		maxT = sel.MaxTargets
	}
	allowEmpty := p.AllowEmpty
	if sel.AllowEmpty != nil {
		allowEmpty = *sel.AllowEmpty
	}
	if err := sel.Amount.Validate(); err != nil {
		return g, &GuardError{Reason: "the selection's amount is invalid: " + err.Error()}
	}

	kept := map[string]Target{}
	var unread []string
	for _, c := range sel.Candidates {
		if len(p.Protected) > 0 {
			if why := unreadTags(c); why != "" {
				unread = append(unread, c.Target.ID+" ("+why+")")
				continue
			}
		}
		if ex, ok := protectedBy(c, p.Protected); ok {
			g.Excluded = append(g.Excluded, ex)
			continue
		}
		kept[c.Target.ID] = c.Target
	}
	if stale := staleRuns(sel.Candidates, p.RunID); len(stale) > 0 {
		return g, &GuardError{Reason: "not selecting what another run has not finished cleaning up: " + strings.Join(stale, "; ") +
			"; run `gameday recover RUN` (or `gameday recover --scan`) first"}
	}
	if len(unread) > 0 {
		return g, &GuardError{Reason: fmt.Sprintf("not selecting %s: the tags of what they touch could not be read, so the guard cannot tell they are not protected", strings.Join(unread, ", "))}
	}
	if len(kept) == 0 && len(g.Excluded) > 0 {
		return g, &GuardError{Reason: fmt.Sprintf("every candidate is protected: %s", describeExclusions(g.Excluded))}
	}

	ids := make([]string, 0, len(kept))
	for id := range kept {
		ids = append(ids, id)
	}
	k := sel.Amount.Of(len(ids))
	if sel.Amount.Count > len(ids) && len(ids) > 0 {
		g.Notes = append(g.Notes, fmt.Sprintf("count %d is more than the %d unprotected candidate(s): all of them selected", sel.Amount.Count, len(ids)))
	}
	var chosen []string
	if k < len(ids) {
		g.Seed = drawSeed(sel.Seed)
		chosen = choose(ids, k, g.Seed)
	} else {
		chosen = choose(ids, k, 0)
	}
	for _, id := range chosen {
		g.targets = append(g.targets, kept[id])
	}

	if maxT > 0 && len(g.targets) > maxT {
		return g, &GuardError{Reason: fmt.Sprintf("%d targets selected, more than the guard's max_targets %d", len(g.targets), maxT)}
	}
	if len(g.targets) == 0 && !allowEmpty {
		return g, &GuardError{Reason: "no target selected; set allow_empty_selection in the guard to skip such faults"}
	}
	return g, nil
}

// unreadTags says why a candidate's tags are not all known ("" when they are).
func unreadTags(c Candidate) string {
	if len(c.Touches) == 0 {
		return "the kind reported no resource with its tags"
	}
	for _, r := range c.Touches {
		if r.TagsUnread != "" {
			return r.Type + " " + r.ID + ": " + r.TagsUnread
		}
	}
	return ""
}

// protectedBy returns the first protected resource a candidate touches.
func protectedBy(c Candidate, protected map[string]string) (Exclusion, bool) {
	keys := slices.Sorted(maps.Keys(protected))
	for _, r := range c.Touches {
		for _, k := range keys {
			if v, ok := r.Tags[k]; ok && v == protected[k] {
				return Exclusion{Target: c.Target.ID, Resource: r.ID, Tag: k + "=" + v}, true
			}
		}
	}
	return Exclusion{}, false
}

func describeExclusions(ex []Exclusion) string {
	parts := make([]string, 0, len(ex))
	for _, e := range ex {
		if e.Resource == e.Target {
			parts = append(parts, fmt.Sprintf("%s carries %s", e.Target, e.Tag))
		} else {
			parts = append(parts, fmt.Sprintf("%s touches %s, which carries %s", e.Target, e.Resource, e.Tag))
		}
	}
	return strings.Join(parts, "; ")
}

// staleRuns lists the resources candidates touch that carry the run tag of
// another run.
func staleRuns(cs []Candidate, run string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		for _, r := range c.Touches {
			if other, ok := r.Tags[TagRun]; ok && other != run && !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, fmt.Sprintf("%s carries %s=%s", r.ID, TagRun, other))
			}
		}
	}
	return out
}
