package journal

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/engine/state"
)

// The *In functions work over any state.Store, and redact the records they
// write with the Redactor ctx carries (redact.FromContext). A local directory store
// (*state.Dir) keeps today's format, one file per run fsynced per record
// (Create, Open, ReadRun and List are these functions for a directory);
// any other store (S3) holds one object per record (see RunKey).

// CreateIn makes the journal of a new run in st and writes its run_start
// record. ctx's values are kept for the journal's calls but not its
// cancellation: records must still be written after a Ctrl-C.
func CreateIn(ctx context.Context, st state.Store, s Start) (*Writer, error) {
	return createIn(ctx, st, s, time.Now)
}

func createIn(ctx context.Context, st state.Store, s Start, now func() time.Time) (*Writer, error) {
	if err := CheckRunID(s.RunID); err != nil {
		return nil, fmt.Errorf("not creating a journal: %w", err)
	}
	if d, ok := st.(*state.Dir); ok {
		return create(d.Dir(), s, now, redact.FromContext(ctx))
	}
	return createObjects(ctx, st, s, now)
}

// OpenIn reopens run id's journal in st to append to it (see Open).
func OpenIn(ctx context.Context, st state.Store, id string) (*Writer, *Journal, error) {
	if err := CheckRunID(id); err != nil {
		return nil, nil, fmt.Errorf("not opening a journal: %w", err)
	}
	if d, ok := st.(*state.Dir); ok {
		return open(d.Dir(), id, redact.FromContext(ctx))
	}
	return openObjects(ctx, st, id)
}

// ReadRunIn reads run id's journal in st.
func ReadRunIn(ctx context.Context, st state.Store, id string) (*Journal, error) {
	if err := CheckRunID(id); err != nil {
		return nil, fmt.Errorf("not reading a journal: %w", err)
	}
	if d, ok := st.(*state.Dir); ok {
		return ReadRun(d.Dir(), id)
	}
	return readObjects(ctx, st, id)
}

// ListIn summarises every journal in st, newest first (see List).
func ListIn(ctx context.Context, st state.Store, alive Liveness) ([]RunInfo, error) {
	if d, ok := st.(*state.Dir); ok {
		return List(d.Dir(), alive)
	}
	if alive == nil {
		alive = LocalLiveness
	}
	out, err := listObjects(ctx, st, alive)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].Started.After(out[k].Started) })
	return out, nil
}
