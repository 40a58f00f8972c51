package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Hash is the scenario's version: a hash of what it does and of how its
// recovery is measured, as evaluated (variables resolved): every fault's
// kind, name, start_after, duration and settings, the recovery and
// failback probes and K. Two runs of a scenario compare only when their
// hashes are equal. It leaves out what does not change the figures'
// meaning: the scenario's description, the objectives' targets and the
// baseline itself (tightening an RTO objective is not a new scenario), and
// where in the file the blocks are written.
func (s *Scenario) Hash() string {
	type fault struct {
		Kind, Name           string
		StartAfter, Duration int64
		Spec                 any
	}
	v := struct {
		Faults                       []fault
		RecoveryProbe, FailbackProbe string
		ConsecutiveSuccesses         int
	}{ConsecutiveSuccesses: DefaultConsecutiveSuccesses}
	for _, f := range s.Faults {
		v.Faults = append(v.Faults, fault{Kind: f.Kind, Name: f.Name, StartAfter: int64(f.StartAfter),
			Duration: int64(f.Duration), Spec: canonical(f.Spec)})
	}
	if o := s.Objectives; o != nil {
		if o.RecoveryProbe != nil {
			v.RecoveryProbe = o.RecoveryProbe.String()
		}
		if o.FailbackProbe != nil {
			v.FailbackProbe = o.FailbackProbe.String()
		}
		if o.ConsecutiveSuccesses > 0 {
			v.ConsecutiveSuccesses = o.ConsecutiveSuccesses
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		// canonical only returns JSON values; kept for safety.
		b = []byte(fmt.Sprintf("%q", err.Error()))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// canonical is a fault's settings as plain JSON values without the source
// ranges (DeclRange, AttrRanges), which move when lines are added above
// the block. A kind whose settings do not marshal is hashed by its type's
// name: its runs stay comparable with each other, never with another kind.
func canonical(spec any) any {
	b, err := json.Marshal(spec)
	if err != nil {
		return fmt.Sprintf("%T", spec)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Sprintf("%T", spec)
	}
	return stripRanges(v)
}

func stripRanges(v any) any {
	switch t := v.(type) {
	case map[string]any:
		// json.Marshal writes map keys sorted: the hash does not depend
		// on map order.
		for k, e := range t {
			if k == "DeclRange" || k == "AttrRanges" || k == "Range" {
				delete(t, k)
				continue
			}
			t[k] = stripRanges(e)
		}
	case []any:
		for i := range t {
			t[i] = stripRanges(t[i])
		}
	}
	return v
}
