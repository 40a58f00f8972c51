package config

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Metrics publishes each run's figures as CloudWatch custom metrics, for
// trend dashboards across game days:
//
//	metrics {
//	  namespace  = "GameDay"
//	  dimensions = { Team = "payments" }
//	}
type Metrics struct {
	Namespace string
	// Dimensions are added to every datum next to GameDay and Scenario.
	Dimensions map[string]string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// CloudWatch limits the metrics block is checked against (PutMetricData
// API reference): a namespace or dimension name/value is 1 to 255
// characters, namespaces starting with "AWS/" are reserved for AWS
// services, and a metric has at most 30 dimensions.
const (
	DefaultMetricsNamespace = "GameDay"
	maxMetricName           = 255
	maxMetricDimensions     = 30
)

// MetricsBuiltinDimensions are set by gameday on every datum; the file
// cannot redefine them.
func MetricsBuiltinDimensions() []string { return []string{"GameDay", "Scenario"} }

func decodeMetrics(d *Decoder, blk *hcl.Block) *Metrics {
	a := d.Content(blk.Body, Schema([]string{"namespace", "dimensions"}))
	m := &Metrics{Namespace: DefaultMetricsNamespace, DeclRange: blk.DefRange, AttrRanges: a.Ranges()}
	if a.Has("namespace") {
		m.Namespace = a.String("namespace")
		switch {
		case m.Namespace == "" || len(m.Namespace) > maxMetricName:
			a.Errorf("namespace", "Invalid namespace", "A CloudWatch namespace is 1 to %d characters long.", maxMetricName)
		case strings.HasPrefix(m.Namespace, "AWS/"):
			a.Errorf("namespace", "Reserved namespace", "Namespaces starting with \"AWS/\" are reserved for AWS services; use your own, such as %q.", DefaultMetricsNamespace)
		case strings.ContainsFunc(m.Namespace, func(r rune) bool { return r < 0x20 || r > 0x7e }):
			a.Errorf("namespace", "Invalid namespace", "A CloudWatch namespace must contain printable ASCII characters only.")
		}
	}
	if a.Has("dimensions") {
		m.Dimensions = a.StringMap("dimensions")
		builtin := MetricsBuiltinDimensions()
		if extra := maxMetricDimensions - len(builtin); len(m.Dimensions) > extra {
			a.Errorf("dimensions", "Too many dimensions", "CloudWatch allows %d dimensions per metric and gameday sets %s itself: give at most %d.", maxMetricDimensions, quoteJoin(builtin, "and"), extra)
		}
		names := make([]string, 0, len(m.Dimensions))
		for k := range m.Dimensions {
			names = append(names, k)
		}
		sort.Strings(names) // report the same problem first on every load
		for _, k := range names {
			v := m.Dimensions[k]
			switch {
			case containsFold(builtin, k):
				a.Errorf("dimensions", "Reserved dimension", "The dimension %q is set by gameday on every datum (the game day and scenario names); choose another name.", k)
			case k == "" || len(k) > maxMetricName || v == "" || len(v) > maxMetricName:
				a.Errorf("dimensions", "Invalid dimension", "Dimension names and values are 1 to %d characters long (%q = %q).", maxMetricName, k, v)
			case strings.HasPrefix(k, ":"):
				a.Errorf("dimensions", "Invalid dimension", "Dimension names must not start with a colon (%q).", k)
			}
		}
	}
	return m
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
