package probes

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// fromConfigSpec converts a spec decoded by the HCL loader (engine/config)
// to this package's spec type. ok is false when spec is not a loader type.
//
// The loader has no argument yet for DNSSpec.OnResolverError or
// HTTPSpec.FreshConnection, so probes from game-day files use their
// defaults (a silent resolver fails the check; connections are kept alive).
func fromConfigSpec(spec any) (converted any, ok bool, err error) {
	switch s := spec.(type) {
	case *config.HTTPProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the http spec is nil")
		}
		h, err := httpFromConfig(s)
		return h, true, err
	case *config.TCPProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the tcp spec is nil")
		}
		return TCPSpec{Address: s.Address}, true, nil
	case *config.DNSProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the dns spec is nil")
		}
		return DNSSpec{Name: s.Name, Type: s.Type, Resolver: s.Resolver, ExpectAnswers: s.ExpectAnswers,
			OnResolverError: ResolverPolicy(s.OnResolverError)}, true, nil
	case *config.CloudWatchAlarmProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the cloudwatch_alarm spec is nil")
		}
		return CloudWatchAlarmSpec{AlarmName: s.AlarmName, ExpectState: s.ExpectState}, true, nil
	case *config.CloudWatchMetricProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the cloudwatch_metric spec is nil")
		}
		return CloudWatchMetricSpec{
			Namespace: s.Namespace, MetricName: s.MetricName, Dimensions: s.Dimensions,
			Statistic: s.Statistic, Period: s.Period, Threshold: s.Threshold, Comparison: s.Comparison,
		}, true, nil
	case *config.ExecProbe:
		if s == nil {
			return nil, true, fmt.Errorf("the exec spec is nil")
		}
		return ExecSpec{Command: s.Command}, true, nil
	}
	return spec, false, nil
}

func httpFromConfig(s *config.HTTPProbe) (HTTPSpec, error) {
	h := HTTPSpec{
		URL: s.URL, Method: s.Method, Headers: s.Headers, Body: s.Body, FreshConnection: s.FreshConnection,
		Expect: HTTPExpect{
			Status:     s.Expect.Status,
			BodyRegex:  s.Expect.BodyRegex,
			JSONPath:   s.Expect.JSONPath,
			MaxLatency: s.Expect.MaxLatency,
		},
	}
	if s.Expect.JSONValue != cty.NilVal {
		v, err := ctyToJSON(s.Expect.JSONValue)
		if err != nil {
			return h, fmt.Errorf("json_value for %s: %w", s.URL, err)
		}
		h.Expect.JSONValue, h.Expect.HasJSONValue = v, true
	}
	if s.TLS != nil {
		h.TLS = &TLSOptions{InsecureSkipVerify: s.TLS.InsecureSkipVerify, CAFile: s.TLS.CAFile, ServerName: s.TLS.ServerName}
	}
	return h, nil
}

// ctyToJSON turns an HCL value into what encoding/json would decode from
// the same JSON, so it compares with a response body's values.
func ctyToJSON(v cty.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	if !v.IsWhollyKnown() {
		return nil, fmt.Errorf("the value is not known when the game day is loaded")
	}
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}
