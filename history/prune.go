package history

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// Pruned is what Prune did to one game day's runs.
type Pruned struct {
	GameDay string
	// Removed are the runs deleted (journal, record, history entry).
	Removed []string
	// Kept are older runs that were not deleted, and why: changes that
	// may still be in effect, a run still going, a journal that could not
	// be read.
	Kept []KeptRun
}

// KeptRun is a run Prune would have removed but kept.
type KeptRun struct {
	Run, Reason string
}

// Prune keeps the newest keep runs of game day name and removes the older
// ones, except a run whose journal says changes may still be in effect
// (pending reverts: `gameday recover` needs that journal), whose process
// may still be running, or whose journal cannot be read (fail closed). A
// run is removed journal first, then its record and other objects, and
// its history entry last: a removal cut short leaves an entry whose run
// is gone, which the next prune removes, never a run nobody lists.
func Prune(ctx context.Context, st state.Store, name string, keep int, alive journal.Liveness) (Pruned, error) {
	p := Pruned{GameDay: name}
	if keep < 1 {
		return p, fmt.Errorf("not pruning the runs of %s: keep must be at least 1, not %d", name, keep)
	}
	runs, err := Runs(ctx, st, name)
	if err != nil {
		return p, err
	}
	if len(runs) <= keep {
		return p, nil
	}
	var errs []error
	for _, run := range runs[:len(runs)-keep] {
		if why := pending(ctx, st, run, alive); why != "" {
			p.Kept = append(p.Kept, KeptRun{Run: run, Reason: why})
			continue
		}
		if err := remove(ctx, st, name, run); err != nil {
			errs = append(errs, err)
			continue
		}
		p.Removed = append(p.Removed, run)
	}
	return p, errors.Join(errs...)
}

// pending says why run must be kept, or "" when it may go.
func pending(ctx context.Context, st state.Store, run string, alive journal.Liveness) string {
	j, err := journal.ReadRunIn(ctx, st, run)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, state.ErrNotFound) {
		// No journal: nothing of the run can be recovered, so nothing
		// it says is pending. Its record is removed with it.
		return ""
	}
	if err != nil {
		return "its journal could not be read, so changes may be pending: " + err.Error()
	}
	if alive == nil {
		alive = journal.LocalLiveness
	}
	info := journal.Summarize(j, journal.RunInfo{ID: run}, alive)
	switch {
	case info.Status == journal.StatusRunning:
		return "it is still running"
	case info.Pending > 0:
		return fmt.Sprintf("%d change(s) may still be in effect: run `gameday recover %s` first", info.Pending, run)
	}
	return ""
}

// remove deletes a run's objects: its journal (a file, or one object per
// record), whatever else is under runs/RUN/ (the record), then its entry.
func remove(ctx context.Context, st state.Store, name, run string) error {
	prefix := journal.RunKey(run, "")
	if err := st.Delete(ctx, "runs/"+run+".jsonl"); err != nil {
		return fmt.Errorf("not removing run %s: %w", run, err)
	}
	keys, err := st.List(ctx, prefix)
	if err != nil {
		return fmt.Errorf("not removing run %s: %w", run, err)
	}
	// The journal's records first: without them nothing of the run is
	// recoverable, which is why only runs with nothing pending get here.
	for _, k := range keys {
		if strings.HasPrefix(k, journal.RunKey(run, "journal/")) {
			if err := st.Delete(ctx, k); err != nil {
				return fmt.Errorf("removing run %s: %w", run, err)
			}
		}
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, journal.RunKey(run, "journal/")) {
			if err := st.Delete(ctx, k); err != nil {
				return fmt.Errorf("removing run %s: %w", run, err)
			}
		}
	}
	if d, ok := st.(*state.Dir); ok {
		// Empty directories are no keys, but they would pile up.
		for _, sub := range []string{journal.RunKey(run, "journal"), strings.TrimSuffix(prefix, "/")} {
			if err := os.Remove(d.Location(sub)); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(err) {
				return fmt.Errorf("removing run %s: %w", run, err)
			}
		}
	}
	if err := st.Delete(ctx, Key(name, run)); err != nil {
		return fmt.Errorf("removed run %s but not its history entry: %w", run, err)
	}
	return nil
}

// isNotEmpty: a directory that still holds something (another writer's
// object) is left in place.
func isNotEmpty(err error) bool {
	return errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST)
}
