package world

import (
	"maps"
	"strings"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// tagged finds a resource's tag map by id; set replaces it. Caller holds the lock.
func (w *World) tagged(id string) (get func() map[string]string, set func(map[string]string), err error) {
	notFound := func(code, kind string) error {
		return apisim.Error(code, "The %s ID '%s' does not exist", kind, id)
	}
	switch {
	case strings.HasPrefix(id, "i-"):
		if i := w.instBy[id]; i != nil {
			return func() map[string]string { return i.tags }, func(m map[string]string) { i.tags = m }, nil
		}
		return nil, nil, notFound("InvalidInstanceID.NotFound", "instance")
	case strings.HasPrefix(id, "subnet-"):
		if s := w.net.subnetBy[id]; s != nil {
			return func() map[string]string { return s.Tags }, func(m map[string]string) { s.Tags = m }, nil
		}
		return nil, nil, notFound("InvalidSubnetID.NotFound", "subnet")
	case strings.HasPrefix(id, "nat-"):
		if g := w.net.natBy[id]; g != nil {
			return func() map[string]string { return g.Tags }, func(m map[string]string) { g.Tags = m }, nil
		}
		return nil, nil, notFound("InvalidNatGatewayID.NotFound", "natGateway")
	case strings.HasPrefix(id, "rtb-"):
		if t := w.net.tableBy[id]; t != nil {
			return func() map[string]string { return t.Tags }, func(m map[string]string) { t.Tags = m }, nil
		}
		return nil, nil, notFound("InvalidRouteTableID.NotFound", "routeTable")
	case strings.HasPrefix(id, "vpc-"):
		if id == w.net.vpc.ID {
			v := &w.net.vpc
			return func() map[string]string { return v.Tags }, func(m map[string]string) { v.Tags = m }, nil
		}
		return nil, nil, notFound("InvalidVpcID.NotFound", "vpc")
	}
	return nil, nil, apisim.Error("InvalidID", "The ID '%s' is not valid", id)
}

// CreateTags adds or overwrites tags on resources; all or nothing.
func (w *World) CreateTags(resources []string, tags map[string]string) error {
	for k := range tags {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return apisim.Error("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use")
		}
	}
	return w.retag(resources, func(m map[string]string) { maps.Copy(m, tags) })
}

// DeleteTags removes tags: a nil value removes the key whatever its value,
// a non-nil one only when it matches; no tags at all removes every tag but
// the aws: ones, as in EC2.
func (w *World) DeleteTags(resources []string, tags map[string]*string) error {
	for k := range tags {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return apisim.Error("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use")
		}
	}
	return w.retag(resources, func(m map[string]string) {
		if len(tags) == 0 {
			maps.DeleteFunc(m, func(k, _ string) bool { return !strings.HasPrefix(k, "aws:") })
			return
		}
		for k, v := range tags {
			if v == nil || m[k] == *v {
				delete(m, k)
			}
		}
	})
}

// retag applies edit to a copy of each resource's tags and swaps it in, so
// snapshots holding the old map never see it change.
func (w *World) retag(resources []string, edit func(map[string]string)) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	type target struct {
		get func() map[string]string
		set func(map[string]string)
	}
	var ts []target
	for _, id := range resources {
		get, set, err := w.tagged(id)
		if err != nil {
			return err
		}
		ts = append(ts, target{get, set})
	}
	for _, t := range ts {
		m := maps.Clone(t.get())
		if m == nil {
			m = map[string]string{}
		}
		edit(m)
		t.set(m)
	}
	return nil
}
