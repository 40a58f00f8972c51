package measure

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestDurationString(t *testing.T) {
	tests := []struct {
		d    Duration
		want string
	}{
		{measured(42*time.Second, time.Second), "42s (±1s)"},
		{measured(42*time.Second, 0), "42s (resolution unknown)"},
		{Duration{Status: NoImpact}, "0s (no visible impact)"},
		{atLeast(5*time.Minute, time.Second, "not recovered"), "> 5m0s"},
		{notMeasured(time.Second, "no fault was injected"), "not measured: no fault was injected"},
		{Duration{}, "not measured"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestDurationJSON(t *testing.T) {
	d := atLeast(90*time.Second, 500*time.Millisecond, "probe \"web\" did not pass 3 checks in a row")
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"status":"at_least"`, `"value_ns":90000000000`, `"resolution_ns":500000000`, `"text":"\u003e 1m30s"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("JSON %s lacks %s", raw, want)
		}
	}
	var back Duration
	if err := json.Unmarshal(raw, &back); err != nil || back != d {
		t.Fatalf("round trip = %+v, %v", back, err)
	}
}
