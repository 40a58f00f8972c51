package record

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/gameday-dev/gameday/engine/journal"
	"github.com/gameday-dev/gameday/engine/state"
)

// Name is the record's object name next to the run's journal, in any
// state store: runs/<run-id>/record.json (a local state directory keeps it
// there as a file, mode 0600; S3 as an object).
const Name = "record.json"

// Key is the state-store key of run id's record.
func Key(id string) string { return journal.RunKey(id, Name) }

// Encode writes rec as indented JSON with a final newline.
func Encode(w io.Writer, rec *Record) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rec); err != nil {
		return fmt.Errorf("encoding the run record of %s: %w", rec.Run.ID, err)
	}
	return nil
}

// Decode reads a record, refusing other documents and versions it does
// not know: a renderer given fields it does not know would print wrong
// figures rather than fail. A version 1 record gets the outcomes it lacks,
// derived as that version judged (see fillOutcomes); its schema_version
// stays 1, so that it still says which meaning its "met" fields have.
func Decode(r io.Reader) (*Record, error) {
	var rec Record
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("not a run record: %w", err)
	}
	if err := rec.checkVersion(); err != nil {
		return nil, err
	}
	rec.fillOutcomes()
	return &rec, nil
}

// Put stores rec in the run's state store, next to its journal, and
// returns where (a path or an s3:// URL).
func Put(ctx context.Context, st state.Store, rec *Record) (string, error) {
	if err := journal.CheckRunID(rec.Run.ID); err != nil {
		return "", fmt.Errorf("not storing the run record: %w", err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, rec); err != nil {
		return "", err
	}
	key := Key(rec.Run.ID)
	if err := st.Put(ctx, key, buf.Bytes()); err != nil {
		return "", fmt.Errorf("not storing the run record at %s: %w", st.Location(key), err)
	}
	return st.Location(key), nil
}

// ReadFile reads a stored record.
func ReadFile(path string) (*Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rec, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// ErrNotFound means no record matches what was asked for.
var ErrNotFound = errors.New("no run record found")

// Latest names the newest run (run ids start with their UTC start time, so
// the newest sorts last).
const Latest = "latest"

// Get reads the record a user names: "latest", a run id, a unique prefix of
// one, or the path of a record file. It returns the record and where it
// was read from.
func Get(ctx context.Context, st state.Store, run string) (*Record, string, error) {
	if strings.ContainsRune(run, '/') || strings.ContainsRune(run, os.PathSeparator) || strings.HasSuffix(run, ".json") {
		rec, err := ReadFile(run)
		return rec, run, err
	}
	key, err := find(ctx, st, run)
	if err != nil {
		return nil, "", err
	}
	b, err := st.Get(ctx, key)
	if err != nil {
		return nil, "", fmt.Errorf("reading the run record %s: %w", st.Location(key), err)
	}
	rec, err := Decode(bytes.NewReader(b))
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", st.Location(key), err)
	}
	return rec, st.Location(key), nil
}

func find(ctx context.Context, st state.Store, run string) (string, error) {
	if run != Latest {
		if err := journal.CheckRunID(run); err != nil {
			return "", err
		}
		if _, err := st.Get(ctx, Key(run)); err == nil {
			return Key(run), nil
		}
	}
	prefix := "runs/"
	if run != Latest {
		prefix += run
	}
	keys, err := st.List(ctx, prefix)
	if err != nil {
		return "", fmt.Errorf("listing the run records in %s: %w", st, err)
	}
	var matches []string
	for _, k := range keys {
		if strings.HasSuffix(k, "/"+Name) && strings.Count(k, "/") == 2 {
			matches = append(matches, k)
		}
	}
	sort.Strings(matches)
	switch {
	case len(matches) == 0:
		return "", fmt.Errorf("%w for run %q in %s (runs that ended before records were kept have only a journal)", ErrNotFound, run, st)
	case run == Latest || len(matches) == 1:
		return matches[len(matches)-1], nil
	}
	return "", fmt.Errorf("run %q is ambiguous: %d run records start with it", run, len(matches))
}

// checkVersion refuses other documents and versions this gameday does not
// know.
func (rec *Record) checkVersion() error {
	if rec.Schema != Schema {
		return fmt.Errorf("not a run record: schema is %q, want %q", rec.Schema, Schema)
	}
	if rec.SchemaVersion < MinSchemaVersion || rec.SchemaVersion > SchemaVersion {
		return fmt.Errorf("run record %s has schema version %d; this gameday reads versions %d to %d", rec.Run.ID, rec.SchemaVersion, MinSchemaVersion, SchemaVersion)
	}
	return nil
}
