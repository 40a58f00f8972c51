package recordtest

import (
	"sort"

	"github.com/gameday-dev/gameday/engine"
)

// sortEvents orders the fixture's timeline as the runner's would be: by time.
func sortEvents(ev []engine.Event) {
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].At.Before(ev[j].At) })
}
