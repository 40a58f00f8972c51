package sandbox

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// fields answers the values a resource has for a filter name.
type fields func(name string) []string

// checkFilters refuses filter names the operation does not know, as EC2
// does, before any resource is looked at.
func checkFilters(filters []types.Filter, known ...string) error {
	for _, f := range filters {
		name := aws.ToString(f.Name)
		if strings.HasPrefix(name, "tag:") && len(name) > 4 {
			continue
		}
		if !slices.Contains(known, name) {
			return apisim.Error("InvalidParameterValue", "The filter '%s' is invalid", name)
		}
	}
	return nil
}

// matches applies EC2 filter semantics: every filter must match; a filter
// matches when any of its values (with * and ? wildcards) equals any of
// the resource's values for that name.
func matches(filters []types.Filter, f fields) bool {
	for _, flt := range filters {
		have := f(aws.ToString(flt.Name))
		ok := false
		for _, want := range flt.Values {
			for _, h := range have {
				if glob(want, h) {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// tagFields answers tag:K, tag-key and tag-value; nil when name is none of them.
func tagFields(tags map[string]string, name string) ([]string, bool) {
	switch {
	case strings.HasPrefix(name, "tag:"):
		if v, ok := tags[name[4:]]; ok {
			return []string{v}, true
		}
		return nil, true
	case name == "tag-key":
		return slices.Collect(maps.Keys(tags)), true
	case name == "tag-value":
		var out []string
		for _, v := range tags {
			out = append(out, v)
		}
		return out, true
	}
	return nil, false
}

// glob matches EC2 filter wildcards: * any run, ? any one character.
func glob(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "*?") {
		return pattern == s
	}
	p, t := []rune(pattern), []rune(s)
	var pi, ti, star, mark = 0, 0, -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case star >= 0:
			pi, mark = star+1, mark+1
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// ec2Tags converts tags to EC2's list, sorted by key for stable answers.
func ec2Tags(m map[string]string) []types.Tag {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]types.Tag, len(keys))
	for i, k := range keys {
		out[i] = types.Tag{Key: aws.String(k), Value: aws.String(m[k])}
	}
	return out
}

// pageSize checks an EC2 MaxResults against its allowed range.
func pageSize(max *int32, lo, hi int32) (int, error) {
	if max == nil {
		return int(hi), nil
	}
	if *max < lo || *max > hi {
		return 0, apisim.Error("InvalidParameterValue", "Value ( %d ) for parameter maxResults is invalid. Expecting a value between %d and %d.", *max, lo, hi)
	}
	return int(*max), nil
}
