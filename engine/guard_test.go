package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func cand(id string, tags map[string]string, touches ...Resource) Candidate {
	return Candidate{Target: Target{ID: id}, Touches: append([]Resource{{ID: id, Type: "t", Tags: tags}}, touches...)}
}

var prod = map[string]string{"Environment": "production"}

func TestGuardRemovesProtectedBeforeCounting(t *testing.T) {
	// With count 1 over one staging and one production candidate, every
	// seed must pick the staging one: the protected one never takes a slot.
	for seed := int64(1); seed <= 50; seed++ {
		sel := Selection{Amount: Amount{Count: 1}, Seed: seed, Candidates: []Candidate{
			cand("i-prod", prod), cand("i-stg", map[string]string{"Environment": "staging"})}}
		g, err := Guard(sel, GuardPolicy{Protected: prod, MaxTargets: 10})
		if err != nil {
			t.Fatal(err)
		}
		if ids := TargetIDs(g.Targets()); len(ids) != 1 || ids[0] != "i-stg" {
			t.Fatalf("seed %d chose %v", seed, ids)
		}
		if len(g.Excluded) != 1 || g.Excluded[0].Target != "i-prod" {
			t.Fatalf("excluded %+v", g.Excluded)
		}
	}
}

func TestGuardJudgesEveryResourceATargetTouches(t *testing.T) {
	route := cand("rtb-1|0.0.0.0/0", map[string]string{}, Resource{ID: "nat-1", Type: "ec2:natgateway", Tags: map[string]string{}},
		Resource{ID: "subnet-9", Type: "ec2:subnet", Tags: prod})
	_, err := Guard(Selection{Amount: Amount{All: true}, Candidates: []Candidate{route}}, GuardPolicy{Protected: prod, MaxTargets: 10})
	var ge *GuardError
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "subnet-9") || !strings.Contains(err.Error(), "Environment=production") {
		t.Fatalf("err = %v, want a refusal naming subnet-9 and the tag", err)
	}
}

func TestGuardFailsClosedOnUnreadTags(t *testing.T) {
	c := Candidate{Target: Target{ID: "hc-1"}, Touches: []Resource{{ID: "hc-1", TagsUnread: "ListTagsForResource failed"}}}
	if _, err := Guard(Selection{Candidates: []Candidate{c}}, GuardPolicy{Protected: prod, MaxTargets: 10}); err == nil {
		t.Fatal("a target whose tags could not be read passed a guard with protected tags")
	}
	if _, err := Guard(Selection{Candidates: []Candidate{{Target: Target{ID: "x"}}}}, GuardPolicy{Protected: prod, MaxTargets: 10}); err == nil {
		t.Fatal("a candidate reporting no resource passed a guard with protected tags")
	}
	// Without protected tags, tags are not needed.
	if g, err := Guard(Selection{Candidates: []Candidate{c}}, GuardPolicy{MaxTargets: 10}); err != nil || g.Len() != 1 {
		t.Fatalf("without protected tags: %d targets, err %v", g.Len(), err)
	}
}

func TestGuardLimits(t *testing.T) {
	var many []Candidate
	for i := range 12 {
		many = append(many, cand(fmt.Sprintf("i-%02d", i), nil))
	}
	if _, err := Guard(Selection{Amount: Amount{All: true}, Candidates: many}, GuardPolicy{MaxTargets: 10}); err == nil || !strings.Contains(err.Error(), "max_targets 10") {
		t.Errorf("12 targets under max_targets 10: err %v", err)
	}
	if _, err := Guard(Selection{Amount: Amount{All: true}, Candidates: many, MaxTargets: 5}, GuardPolicy{MaxTargets: 20}); err == nil {
		t.Error("a fault's own max_targets 5 did not tighten the guard's 20")
	}
	if g, err := Guard(Selection{Amount: Amount{All: true}, Candidates: many, MaxTargets: 50}, GuardPolicy{MaxTargets: 20}); err != nil || g.Len() != 12 {
		t.Errorf("a fault's max_targets above the guard's: %d targets, err %v", g.Len(), err)
	}
	if _, err := Guard(Selection{}, GuardPolicy{MaxTargets: 10}); err == nil {
		t.Error("an empty selection passed without allow_empty_selection")
	}
	yes := true
	if _, err := Guard(Selection{AllowEmpty: &yes}, GuardPolicy{MaxTargets: 10}); err != nil {
		t.Errorf("an empty selection allowed by the fault: %v", err)
	}
	g, err := Guard(Selection{Amount: Amount{Percent: 25}, Seed: 3, Candidates: many}, GuardPolicy{MaxTargets: 10})
	if err != nil || g.Len() != 3 || g.Seed != 3 {
		t.Errorf("25%% of 12: %d targets seed %d err %v, want 3 with seed 3", g.Len(), g.Seed, err)
	}
	if _, err := Guard(Selection{Amount: Amount{Count: 1, All: true}, Candidates: many}, GuardPolicy{MaxTargets: 10}); err == nil {
		t.Error("an amount with count and all passed")
	}
}

func TestGuardedBatchesCoverTheTargetsOnce(t *testing.T) {
	var cs []Candidate
	for i := range 5 {
		cs = append(cs, cand(fmt.Sprintf("i-%d", i), nil))
	}
	g, err := Guard(Selection{Amount: Amount{All: true}, Candidates: cs}, GuardPolicy{MaxTargets: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	bs := g.Batches(2)
	for _, b := range bs {
		got = append(got, TargetIDs(b.Targets())...)
	}
	if len(bs) != 3 || strings.Join(got, ",") != "i-0,i-1,i-2,i-3,i-4" {
		t.Errorf("batches %d ids %v", len(bs), got)
	}
}

func TestGuardRefusesAnotherRunsStaleTags(t *testing.T) {
	stale := cand("rtb-1|0.0.0.0/0", map[string]string{TagRun: "20261201T000000Z-abc"})
	_, err := Guard(Selection{Amount: Amount{All: true}, Candidates: []Candidate{stale}}, GuardPolicy{MaxTargets: 10, RunID: "20261205T000000Z-def"})
	if err == nil || !strings.Contains(err.Error(), "20261201T000000Z-abc") || !strings.Contains(err.Error(), "gameday recover") {
		t.Fatalf("err = %v, want a refusal naming the other run and how to recover it", err)
	}
	own := cand("rtb-1|0.0.0.0/0", map[string]string{TagRun: "r"})
	if _, err := Guard(Selection{Amount: Amount{All: true}, Candidates: []Candidate{own}}, GuardPolicy{MaxTargets: 10, RunID: "r"}); err != nil {
		t.Fatalf("the run's own tags: %v", err)
	}
}
