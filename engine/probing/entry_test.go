package probing

import (
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
)

// A probe block's entry carries the block's scheduling and is named as
// other blocks refer to it.
func TestEntryOfNamesAndSchedulesTheBlock(t *testing.T) {
	p := passing()
	e := EntryOf(&config.Probe{Kind: "http", Name: "n", Interval: 2 * time.Second, Timeout: time.Second, Mode: config.ProbeDuringFaults}, p)
	if e.Name != "http.n" || e.Interval != 2*time.Second || e.Timeout != time.Second || e.Mode != DuringFaults || e.Probe == nil {
		t.Fatalf("entry %+v", e)
	}
}
