package historyreport

import (
	"io"
	"testing"

	"github.com/gameday-dev/gameday/history"
)

// Rendering 1,000 runs for a terminal (history.BenchmarkHistoryOf1000Runs
// reads them from a state directory).
func BenchmarkText1000Runs(b *testing.B) {
	v := &history.View{GameDay: "weekly", Store: "/state", Total: 1000}
	for len(v.Runs) < 1000 {
		v.Runs = append(v.Runs, view().Runs...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Text(io.Discard, v); err != nil {
			b.Fatal(err)
		}
	}
}
