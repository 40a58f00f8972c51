package faultkit

import (
	"encoding/json"
	"fmt"

	"github.com/gameday-dev/gameday/engine"
)

// SetData stores the kind's typed data v on t (engine.Target.Data).
func SetData(t *engine.Target, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("target data %T does not encode: %v", v, err)) // a kind's own plain struct
	}
	t.Data = b
}

// DataOf reads the kind's typed data of t; a target without data gives
// the zero value.
func DataOf[T any](t engine.Target) (T, error) {
	var v T
	if len(t.Data) == 0 {
		return v, nil
	}
	if err := json.Unmarshal(t.Data, &v); err != nil {
		return v, fmt.Errorf("target %s: reading its data: %w", t.ID, err)
	}
	return v, nil
}
