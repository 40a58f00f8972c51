package journal

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/engine/state"
)

// In a store other than a local directory (S3), a journal is one object per
// record, runs/ID/journal/SEQ.json with SEQ zero-padded to 10 digits so
// that key order is record order. Each record is written with Create
// (If-None-Match "*"): it is durable when the call returns, and two
// processes appending to one run can never overwrite each other's records.

// RunKey is the key of a per-run object NAME next to run id's journal
// (runs/ID/NAME), in any store: the run record uses RunKey(id,
// "record.json").
func RunKey(id, name string) string { return "runs/" + id + "/" + name }

func journalPrefix(id string) string { return RunKey(id, "journal/") }

func recordKey(id string, seq int64) string {
	return fmt.Sprintf("%s%010d.json", journalPrefix(id), seq)
}

// seqOf parses the sequence number out of a record key.
func keySeq(key string) (int64, bool) {
	base := path.Base(key)
	if !strings.HasSuffix(base, ".json") {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(base, ".json"), 10, 64)
	return n, err == nil && n > 0
}

// Timeouts for one object call: the journal's calls outlive the run's
// context (reverts are journaled after Ctrl-C), so each gets its own bound.
const (
	objectTimeout = 30 * time.Second
	// readConcurrency bounds the GetObject calls in flight when a journal
	// is read back.
	readConcurrency = 8
)

// objectSink writes one object per record.
type objectSink struct {
	st  state.Store
	run string
	// ctx carries the values of the context the journal was created with
	// but never its cancellation.
	ctx context.Context
}

func (s *objectSink) write(seq int64, rec []byte) error {
	ctx, cancel := context.WithTimeout(s.ctx, objectTimeout)
	defer cancel()
	err := s.st.Create(ctx, recordKey(s.run, seq), rec)
	if errors.Is(err, state.ErrExists) {
		return fmt.Errorf("%w: %w", errSeqTaken, err)
	}
	return err
}

func (s *objectSink) lastSeq() (int64, error) {
	ctx, cancel := context.WithTimeout(s.ctx, objectTimeout)
	defer cancel()
	keys, err := s.st.List(ctx, journalPrefix(s.run))
	if err != nil {
		return 0, err
	}
	var last int64
	for _, k := range keys {
		if n, ok := keySeq(k); ok {
			last = max(last, n)
		}
	}
	return last, nil
}

// fatal is false: a failed PutObject leaves no partial object behind, so
// the next record can still be written safely.
func (s *objectSink) fatal() bool      { return false }
func (s *objectSink) location() string { return s.st.Location(journalPrefix(s.run)) }
func (s *objectSink) close() error     { return nil }

// createObjects starts run s.RunID's journal in st.
func createObjects(ctx context.Context, st state.Store, s Start, now func() time.Time) (*Writer, error) {
	keys, err := st.List(ctx, journalPrefix(s.RunID))
	if err != nil {
		return nil, fmt.Errorf("not creating journal %s: %w", st.Location(journalPrefix(s.RunID)), err)
	}
	if len(keys) > 0 {
		return nil, fmt.Errorf("not creating journal %s: it already exists", st.Location(journalPrefix(s.RunID)))
	}
	sk := &objectSink{st: st, run: s.RunID, ctx: context.WithoutCancel(ctx)}
	return start(&Writer{sink: sk, run: s.RunID, now: now, redact: redact.FromContext(ctx)}, s)
}

// openObjects reopens run id's journal in st to append to it. A last
// record that does not parse (damage: S3 writes are whole, so a crash
// cannot tear one) is deleted and noted, as a torn line is cut off a file.
func openObjects(ctx context.Context, st state.Store, id string) (*Writer, *Journal, error) {
	j, err := readObjects(ctx, st, id)
	if err != nil {
		return nil, nil, err
	}
	if j.Torn {
		if err := st.Delete(ctx, j.tornKey); err != nil {
			return nil, nil, fmt.Errorf("not appending to journal %s: cutting off the unreadable last record: %w", j.Path, err)
		}
	}
	sk := &objectSink{st: st, run: id, ctx: context.WithoutCancel(ctx)}
	return reopen(&Writer{sink: sk, run: id, now: time.Now, redact: redact.FromContext(ctx)}, j)
}

// readObjects reads run id's journal records from st.
func readObjects(ctx context.Context, st state.Store, id string) (*Journal, error) {
	loc := st.Location(journalPrefix(id))
	all, err := st.List(ctx, journalPrefix(id))
	if err != nil {
		return nil, fmt.Errorf("reading journal %s: %w", loc, err)
	}
	var keys []string
	for _, k := range all {
		if _, ok := keySeq(k); ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("reading journal %s: %w", loc, state.ErrNotFound)
	}
	bodies, err := getAll(ctx, st, keys)
	if err != nil {
		return nil, fmt.Errorf("reading journal %s: %w", loc, err)
	}
	j := &Journal{Path: loc}
	for i, b := range bodies {
		rec, ok := parseLine(b)
		if !ok {
			if i < len(bodies)-1 {
				return nil, fmt.Errorf("reading journal %s: record %s is not a journal record and is followed by more records; the journal is damaged", loc, path.Base(keys[i]))
			}
			j.Torn, j.TornTail, j.tornKey = true, b, keys[i]
			break
		}
		j.Records = append(j.Records, rec)
	}
	return j, nil
}

// getAll reads keys concurrently (a journal is many small objects).
func getAll(ctx context.Context, st state.Store, keys []string) ([][]byte, error) {
	out := make([][]byte, len(keys))
	errs := make([]error, len(keys))
	sem := make(chan struct{}, readConcurrency)
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = st.Get(ctx, k)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// listObjects summarises every journal in st.
func listObjects(ctx context.Context, st state.Store, alive Liveness) ([]RunInfo, error) {
	keys, err := st.List(ctx, "runs/")
	if err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	var ids []string
	seen := map[string]bool{}
	for _, k := range keys {
		parts := strings.Split(k, "/")
		if len(parts) == 4 && parts[2] == "journal" && !seen[parts[1]] {
			seen[parts[1]] = true
			ids = append(ids, parts[1])
		}
	}
	var out []RunInfo
	for _, id := range ids {
		info := RunInfo{ID: id, Path: st.Location(journalPrefix(id))}
		j, err := readObjects(ctx, st, id)
		if err != nil {
			info.Err = err
			out = append(out, info)
			continue
		}
		out = append(out, Summarize(j, info, alive))
	}
	return out, nil
}
