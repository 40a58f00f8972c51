package discover

import (
	"maps"
	"slices"
	"strings"
)

// Filter says which resources discovery keeps: those carrying every
// Select tag and no Protect tag.
type Filter struct {
	Select  map[string]string // every one must be carried (AND)
	Protect map[string]string // any one carried drops the resource
}

// Protected reports whether tags carry one of the protected tags: the
// guard's rule (any key with the same value).
func (f Filter) Protected(tags map[string]string) bool {
	for k, v := range f.Protect {
		if got, ok := tags[k]; ok && got == v {
			return true
		}
	}
	return false
}

// Selected reports whether tags carry every selection tag.
func (f Filter) Selected(tags map[string]string) bool {
	for k, v := range f.Select {
		if got, ok := tags[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Keeps reports whether a resource with tags is kept.
func (f Filter) Keeps(tags map[string]string) bool {
	return !f.Protected(tags) && f.Selected(tags)
}

// ParseTags reads KEY=VALUE arguments (--select, --protect). A key may
// appear once; the value may be empty but the "=" may not be missing.
func ParseTags(flag string, args []string) (map[string]string, error) {
	out := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		switch {
		case !ok || strings.TrimSpace(k) == "":
			return nil, &TagError{Flag: flag, Arg: a, Why: "is not KEY=VALUE"}
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return nil, &TagError{Flag: flag, Arg: a, Why: "names a tag AWS reserves (aws:...), which gameday neither selects by nor protects"}
		}
		if old, dup := out[k]; dup && old != v {
			return nil, &TagError{Flag: flag, Arg: a, Why: "gives the key " + k + " a second value; a resource carries one value per key"}
		}
		out[k] = v
	}
	return out, nil
}

// TagError is a malformed --select or --protect argument.
type TagError struct{ Flag, Arg, Why string }

func (e *TagError) Error() string { return e.Flag + " " + quote(e.Arg) + " " + e.Why }

func quote(s string) string { return "\"" + s + "\"" }

// commonTags returns the key = value pairs every map carries; nil when
// there is no map.
func commonTags(all []map[string]string) map[string]string {
	if len(all) == 0 {
		return nil
	}
	out := maps.Clone(all[0])
	for _, m := range all[1:] {
		for k, v := range out {
			if got, ok := m[k]; !ok || got != v {
				delete(out, k)
			}
		}
	}
	// Tags AWS sets (aws:...) and names are per resource: never a target
	// tag a user would choose.
	for k := range out {
		if strings.HasPrefix(strings.ToLower(k), "aws:") || k == "Name" {
			delete(out, k)
		}
	}
	return out
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
