package cw

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// checkStat validates a statistic name: the five standard statistics or a
// percentile pNN / pNN.N (AWS's extended statistic form).
func checkStat(stat string) error {
	switch stat {
	case "Sum", "Average", "Minimum", "Maximum", "SampleCount":
		return nil
	}
	if _, ok := percentileOf(stat); ok {
		return nil
	}
	return fmt.Errorf("statistic %q is not one of Sum, Average, Minimum, Maximum, SampleCount or pNN", stat)
}

func percentileOf(stat string) (float64, bool) {
	if !strings.HasPrefix(stat, "p") {
		return 0, false
	}
	v, err := strconv.ParseFloat(stat[1:], 64)
	if err != nil || v < 0 || v > 100 {
		return 0, false
	}
	return v, true
}

// value computes stat over one bucket. ok is false when the statistic cannot
// be computed (a percentile over statistic sets, as in AWS).
func (b bucket) value(stat string) (float64, bool) {
	switch stat {
	case "Sum":
		return b.sum, true
	case "Average":
		return b.sum / b.count, b.count > 0
	case "Minimum":
		return b.min, true
	case "Maximum":
		return b.max, true
	case "SampleCount":
		return b.count, true
	}
	p, ok := percentileOf(stat)
	if !ok || !b.hasRaw || len(b.values) == 0 {
		return 0, false
	}
	return weightedPercentile(b.values, b.weights, p), true
}

// weightedPercentile is the nearest-rank percentile where each value counts
// weight times.
func weightedPercentile(values, weights []float64, p float64) float64 {
	idx := make([]int, len(values))
	total := 0.0
	for i := range idx {
		idx[i] = i
		total += weights[i]
	}
	sort.Slice(idx, func(a, b int) bool { return values[idx[a]] < values[idx[b]] })
	rank := p / 100 * total
	acc := 0.0
	for _, i := range idx {
		acc += weights[i]
		if acc >= rank {
			return values[i]
		}
	}
	return values[idx[len(idx)-1]]
}
