package probes

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// splitJSONPath splits a dotted path ("data.items.0.state"). Keys that
// contain dots cannot be addressed: health documents rarely have them, and
// a fuller query language would be one more thing to get wrong in a
// game-day file.
func splitJSONPath(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	segs := strings.Split(path, ".")
	for _, s := range segs {
		if s == "" {
			return nil, fmt.Errorf("JSON path %q has an empty segment", path)
		}
	}
	return segs, nil
}

// lookupJSON walks v (as decoded by encoding/json) along segs. A segment
// indexes a list when it is a number and the value is a list, and names an
// object key otherwise.
func lookupJSON(v any, segs []string) (any, error) {
	for i, s := range segs {
		at := strings.Join(segs[:i], ".")
		if at == "" {
			at = "the document"
		}
		switch t := v.(type) {
		case map[string]any:
			next, ok := t[s]
			if !ok {
				return nil, fmt.Errorf("%s has no key %q", at, s)
			}
			v = next
		case []any:
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, fmt.Errorf("%s is a list, and %q is not an index", at, s)
			}
			if n < 0 || n >= len(t) {
				return nil, fmt.Errorf("%s has %d elements, so index %d does not exist", at, len(t), n)
			}
			v = t[n]
		default:
			return nil, fmt.Errorf("%s is %s, not an object or a list", at, compactJSON(v))
		}
	}
	return v, nil
}

// jsonEqual compares two decoded JSON values; numbers compare by value, so
// that 1, 1.0 and 1e0 are equal whichever way each side was decoded.
func jsonEqual(a, b any) bool {
	if x, ok := jsonNumber(a); ok {
		y, ok := jsonNumber(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

func jsonNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// compactJSON renders v for Observed and Detail.
func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return truncate(string(b), 120)
}
