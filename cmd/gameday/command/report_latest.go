package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
)

// latestRecord is the record `report latest` means. A state directory may
// be shared (GAMEDAY_STATE pointing at a team's directory): latest is the
// newest run of the user asking, told by who owns its record file, since
// neither the record nor the journal names a user. With --gameday it is
// the newest run of that game day, whoever ran it: the name says which.
// An object store does not say who wrote an object, so there latest
// needs the game day.
func latestRecord(ctx context.Context, st state.Store, gameday string, mine func(path string) bool) (*record.Record, error) {
	keys, err := recordKeys(ctx, st)
	if err != nil {
		return nil, err
	}
	if gameday != "" {
		return latestOf(ctx, st, keys, gameday)
	}
	dir, ok := st.(*state.Dir)
	if !ok {
		return nil, fmt.Errorf("%s does not say who ran a run, so %q cannot pick yours: name the run by its id, or its game day with --gameday NAME", st, record.Latest)
	}
	for _, k := range keys {
		if mine(dir.Location(k)) {
			return readRecord(ctx, st, k)
		}
	}
	if len(keys) > 0 {
		return nil, fmt.Errorf("%w of yours in %s: its %d run(s) were run by other users; name one by its run id, or its game day with --gameday NAME", record.ErrNotFound, st, len(keys))
	}
	return nil, fmt.Errorf("%w in %s (runs that ended before records were kept have only a journal)", record.ErrNotFound, st)
}

// latestOf is the newest record of game day name among keys (newest
// first). A record that cannot be read (another user's, mode 0600) is
// passed over and counted in the answer when none matches.
func latestOf(ctx context.Context, st state.Store, keys []string, name string) (*record.Record, error) {
	unreadable := 0
	for _, k := range keys {
		rec, err := readRecord(ctx, st, k)
		if err != nil {
			unreadable++
			continue
		}
		if rec.GameDay.Name == name {
			return rec, nil
		}
	}
	err := fmt.Errorf("%w of game day %q in %s", record.ErrNotFound, name, st)
	if unreadable > 0 {
		err = fmt.Errorf("%w (%d record(s) could not be read)", err, unreadable)
	}
	return nil, err
}

// recordKeys lists the keys of the stored run records, newest first: run
// ids start with their UTC start time.
func recordKeys(ctx context.Context, st state.Store) ([]string, error) {
	keys, err := st.List(ctx, "runs/")
	if err != nil {
		return nil, fmt.Errorf("listing the run records in %s: %w", st, err)
	}
	var out []string
	for _, k := range keys {
		if strings.HasSuffix(k, "/"+record.Name) && strings.Count(k, "/") == 2 {
			out = append(out, k)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out, nil
}

func readRecord(ctx context.Context, st state.Store, key string) (*record.Record, error) {
	b, err := st.Get(ctx, key)
	if errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("%w at %s", record.ErrNotFound, st.Location(key))
	}
	if err != nil {
		return nil, fmt.Errorf("reading the run record %s: %w", st.Location(key), err)
	}
	rec, err := record.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", st.Location(key), err)
	}
	return rec, nil
}
