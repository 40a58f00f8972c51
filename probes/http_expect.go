package probes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// evaluateHTTP compares an answer with the expectations. Observed is the
// status, followed by the value at the JSON path when there is one, so a
// timeline shows which backend answered ("200 region=\"us-east-1\"").
func evaluateHTTP(e HTTPExpect, status int, body []byte, latency time.Duration) engine.ProbeResult {
	observed := strconv.Itoa(status)
	r := engine.ProbeResult{Observed: observed}
	failf := func(format string, args ...any) engine.ProbeResult {
		r.Detail = truncate(fmt.Sprintf(format, args...), maxDetail)
		return r
	}
	if !statusAccepted(e.Status, status) {
		return failf("status %d is not one of the expected %s", status, statusList(e.Status))
	}
	if e.JSONPath != "" {
		segs, _ := splitJSONPath(e.JSONPath) // validated when the probe was built
		var doc any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			return failf("body is not JSON, so %s cannot be read: %v", e.JSONPath, err)
		}
		got, err := lookupJSON(doc, segs)
		if err != nil {
			return failf("%s not found: %v", e.JSONPath, err)
		}
		r.Observed = truncate(observed+" "+e.JSONPath+"="+compactJSON(got), maxDetail)
		if e.HasJSONValue && !jsonEqual(e.JSONValue, got) {
			return failf("%s is %s, expected %s", e.JSONPath, compactJSON(got), compactJSON(e.JSONValue))
		}
	}
	if e.BodyRegex != nil && !e.BodyRegex.Match(body) {
		return failf("body does not match %q (first bytes: %q)", e.BodyRegex.String(), truncate(string(body), 80))
	}
	if e.MaxLatency > 0 && latency > e.MaxLatency {
		return failf("answered in %s, slower than the allowed %s", latency.Round(time.Millisecond), e.MaxLatency)
	}
	r.OK = true
	return r
}

func statusAccepted(want []int, got int) bool {
	if len(want) == 0 {
		return got >= 200 && got <= 299
	}
	for _, w := range want {
		if w == got {
			return true
		}
	}
	return false
}

func statusList(want []int) string {
	if len(want) == 0 {
		return "2xx"
	}
	return fmt.Sprint(want)
}
