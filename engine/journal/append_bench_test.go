package journal

import (
	"encoding/json"
	"testing"

	"github.com/gameday-dev/gameday/engine"
)

// BenchmarkAppend measures one synced intent record: the cost every
// mutation pays before it is made. The figure depends on the file system
// under the test's temporary directory (tmpfs syncs are nearly free).
func BenchmarkAppend(b *testing.B) {
	w, err := Create(b.TempDir(), Start{RunID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	r := Record{Type: TypeIntent, Scenario: "s", Fault: "s/nat_route_removal.a", Kind: "nat_route_removal",
		Targets:  []engine.Target{{ID: "rtb-0123456789abcdef0|0.0.0.0/0", Resource: "ec2:route", AZ: "us-east-1a"}},
		Snapshot: json.RawMessage(`{"destination":"0.0.0.0/0","nat_gateway_id":"nat-0123456789abcdef0","origin":"CreateRoute"}`)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Batch = i + 1
		if _, err := w.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}
