package history

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// Prefix is where entries live in a state store.
const Prefix = "history/"

// dirName is game day name as a key component: letters, digits, '-', '_'
// and '.' are kept and anything else becomes '_' (game-day names are
// identifiers, so in practice nothing changes). Entries carry the exact
// name, and readers skip an entry of another game day that shares the
// component.
func dirName(name string) string {
	var b strings.Builder
	for i, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || (r == '.' && i > 0)
		if !ok {
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// Key is the key of run's entry in game day name's history.
func Key(name, run string) string { return Prefix + dirName(name) + "/" + run + ".json" }

// runOf is the run id of an entry key, "" for another key.
func runOf(key string) string {
	base := key[strings.LastIndex(key, "/")+1:]
	id, ok := strings.CutSuffix(base, ".json")
	if !ok || journal.CheckRunID(id) != nil {
		return ""
	}
	return id
}

// Put stores e in its game day's history.
func Put(ctx context.Context, st state.Store, e *Entry) error {
	if err := journal.CheckRunID(e.Run); err != nil {
		return fmt.Errorf("not storing the history entry: %w", err)
	}
	b, err := e.Encode()
	if err != nil {
		return err
	}
	if err := st.Put(ctx, Key(e.GameDay, e.Run), b); err != nil {
		return fmt.Errorf("run %s is not in the history of %s: %w", e.Run, e.GameDay, err)
	}
	return nil
}

// Runs lists the run ids in game day name's history, oldest first (run
// ids start with their UTC start time).
func Runs(ctx context.Context, st state.Store, name string) ([]string, error) {
	keys, err := st.List(ctx, Prefix+dirName(name)+"/")
	if err != nil {
		return nil, fmt.Errorf("not reading the history of %s: %w", name, err)
	}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if id := runOf(k); id != "" && strings.Count(k, "/") == 2 {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out, nil
}

// GameDays lists the game days with a history and their run ids, oldest
// first, keyed by the name's key component.
func GameDays(ctx context.Context, st state.Store) (map[string][]string, error) {
	keys, err := st.List(ctx, Prefix)
	if err != nil {
		return nil, fmt.Errorf("not reading the history in %s: %w", st, err)
	}
	out := map[string][]string{}
	for _, k := range keys {
		parts := strings.Split(k, "/")
		if len(parts) != 3 {
			continue
		}
		if id := runOf(k); id != "" {
			out[parts[1]] = append(out[parts[1]], id)
		}
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out, nil
}

// Read reads run's entry in game day name's history.
func Read(ctx context.Context, st state.Store, name, run string) (*Entry, error) {
	key := Key(name, run)
	b, err := st.Get(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("reading the history entry %s: %w", st.Location(key), err)
	}
	e, err := DecodeEntry(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", st.Location(key), err)
	}
	return e, nil
}

// batch is how many entries are read at once: enough to hide an object
// store's latency, few enough to keep memory bounded.
const batch = 16

// Walk reads the entries of runs (oldest first, as Runs returns them)
// newest first, calling fn for each in that order, until fn returns
// false. An entry that cannot be read, or that belongs to another game
// day sharing the key component, is passed to fn as nil with its error.
// At most one batch of entries is held at a time.
func Walk(ctx context.Context, st state.Store, name string, runs []string, fn func(run string, e *Entry, err error) bool) error {
	for hi := len(runs); hi > 0; hi -= batch {
		lo := max(0, hi-batch)
		ids := runs[lo:hi]
		entries := make([]*Entry, len(ids))
		errs := make([]error, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				entries[i], errs[i] = Read(ctx, st, name, id)
				if entries[i] != nil && entries[i].GameDay != name {
					entries[i], errs[i] = nil, fmt.Errorf("%s is an entry of game day %q", st.Location(Key(name, id)), entries[i].GameDay)
				}
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := len(ids) - 1; i >= 0; i-- {
			if !fn(ids[i], entries[i], errs[i]) {
				return nil
			}
		}
	}
	return nil
}
