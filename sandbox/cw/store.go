package cw

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// point is one stored observation: either a single value, a set of values
// with counts, or a pre-aggregated statistic set (no raw values, so no
// percentiles, as in AWS).
type point struct {
	at                   time.Time
	sum, count, min, max float64
	values, weights      []float64 // raw values; nil for statistic sets
}

type series struct {
	namespace, name string
	dims            map[string]string
	points          []point // sorted by at
}

// seriesKey identifies a metric by namespace, name and the exact dimension
// set, as CloudWatch does (a metric with fewer dimensions is another metric).
func seriesKey(namespace, name string, dims map[string]string) string {
	keys := make([]string, 0, len(dims))
	for k := range dims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(namespace)
	b.WriteByte(0)
	b.WriteString(name)
	for _, k := range keys {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(dims[k])
	}
	return b.String()
}

// PutMetric stores one value; it is the world.MetricSink contract the load
// balancer publishes through. It never fails: the sink is the world's, not
// an API call, so it does not pass the gate.
func (s *Service) PutMetric(namespace, name string, dims map[string]string, at time.Time, value float64) {
	s.addPoint(namespace, name, dims, point{at: at, sum: value, count: 1, min: value, max: value,
		values: []float64{value}})
}

func (s *Service) addPoint(namespace, name string, dims map[string]string, p point) {
	key := seriesKey(namespace, name, dims)
	s.mu.Lock()
	defer s.mu.Unlock()
	sr := s.series[key]
	if sr == nil {
		sr = &series{namespace: namespace, name: name, dims: copyDims(dims)}
		s.series[key] = sr
	}
	// Points nearly always arrive in order; insert in place when they do not.
	i := len(sr.points)
	for i > 0 && sr.points[i-1].at.After(p.at) {
		i--
	}
	sr.points = slices.Insert(sr.points, i, p)
}

func copyDims(d map[string]string) map[string]string {
	c := make(map[string]string, len(d))
	for k, v := range d {
		c[k] = v
	}
	return c
}

// prune drops datapoints older than the retention; the caller holds s.mu.
func (s *Service) prune(now time.Time) {
	cut := now.Add(-s.retention)
	for _, sr := range s.series {
		i := sort.Search(len(sr.points), func(i int) bool { return !sr.points[i].at.Before(cut) })
		if i > 0 {
			sr.points = slices.Delete(sr.points, 0, i)
		}
	}
}

// bucket is the aggregate of one period.
type bucket struct {
	start                time.Time
	sum, count, min, max float64
	values, weights      []float64
	hasRaw               bool // every contributing point had raw values
}

// aggregate returns the non-empty periods of sr whose start lies in
// [from, to), periods aligned on multiples of period since the Unix epoch.
// The caller holds s.mu.
func aggregate(sr *series, from, to time.Time, period time.Duration) []bucket {
	if sr == nil {
		return nil
	}
	from = alignDown(from, period)
	lo := sort.Search(len(sr.points), func(i int) bool { return !sr.points[i].at.Before(from) })
	var out []bucket
	for _, p := range sr.points[lo:] {
		if !p.at.Before(to) {
			break
		}
		st := alignDown(p.at, period)
		if !st.Before(to) {
			break
		}
		if len(out) == 0 || !out[len(out)-1].start.Equal(st) {
			out = append(out, bucket{start: st, min: math.Inf(1), max: math.Inf(-1), hasRaw: true})
		}
		b := &out[len(out)-1]
		b.sum += p.sum
		b.count += p.count
		b.min = math.Min(b.min, p.min)
		b.max = math.Max(b.max, p.max)
		if p.values == nil {
			b.hasRaw = false
			continue
		}
		b.values = append(b.values, p.values...)
		if p.weights == nil {
			for range p.values {
				b.weights = append(b.weights, 1)
			}
		} else {
			b.weights = append(b.weights, p.weights...)
		}
	}
	return out
}

func alignDown(t time.Time, period time.Duration) time.Time {
	return time.Unix(0, t.UnixNano()-t.UnixNano()%int64(period)).UTC()
}
