package history

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Reindexed is what Reindex did.
type Reindexed struct {
	// Added are the runs whose entry was written.
	Added []string
	// Failed are records that could not be read or indexed, with why.
	Failed []KeptRun
}

// Reindex writes the history entry of every run record in st that has
// none: runs recorded before history was kept, or whose entry could not
// be written when they ended. Records are read one at a time and without
// their timelines.
func Reindex(ctx context.Context, st state.Store) (Reindexed, error) {
	var out Reindexed
	indexed := map[string]bool{}
	gds, err := GameDays(ctx, st)
	if err != nil {
		return out, err
	}
	for _, runs := range gds {
		for _, r := range runs {
			indexed[r] = true
		}
	}
	keys, err := st.List(ctx, "runs/")
	if err != nil {
		return out, fmt.Errorf("not reindexing %s: %w", st, err)
	}
	for _, k := range keys {
		run, ok := strings.CutSuffix(strings.TrimPrefix(k, "runs/"), "/"+record.Name)
		if !ok || strings.Contains(run, "/") || indexed[run] {
			continue
		}
		b, err := st.Get(ctx, k)
		if err != nil {
			out.Failed = append(out.Failed, KeptRun{Run: run, Reason: err.Error()})
			continue
		}
		rec, err := record.DecodeHead(bytes.NewReader(b))
		if err != nil {
			out.Failed = append(out.Failed, KeptRun{Run: run, Reason: err.Error()})
			continue
		}
		if err := Put(ctx, st, EntryOf(rec)); err != nil {
			out.Failed = append(out.Failed, KeptRun{Run: run, Reason: err.Error()})
			continue
		}
		out.Added = append(out.Added, run)
	}
	return out, nil
}
