package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gameday-dev/gameday/engine/journal"
)

// Ext is the suffix of stored records, next to the run's journal.
const Ext = ".record.json"

// fileMode: records hold account ids, resource ids and endpoints, like the
// journal beside them; only their owner reads them.
const (
	fileMode = 0o600
	dirMode  = 0o700
)

// Path is where the record of run id is stored under state directory dir.
func Path(stateDir, id string) string {
	return filepath.Join(journal.RunsDir(stateDir), id+Ext)
}

// Encode writes rec as indented JSON with a final newline.
func Encode(w io.Writer, rec *Record) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rec); err != nil {
		return fmt.Errorf("encoding the run record of %s: %w", rec.Run.ID, err)
	}
	return nil
}

// Decode reads a record, refusing other documents and other major
// versions: a renderer given fields it does not know would print wrong
// figures rather than fail.
func Decode(r io.Reader) (*Record, error) {
	var rec Record
	dec := json.NewDecoder(r)
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("not a run record: %w", err)
	}
	if rec.Schema != Schema {
		return nil, fmt.Errorf("not a run record: schema is %q, want %q", rec.Schema, Schema)
	}
	if rec.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("run record %s has schema version %d; this gameday reads version %d", rec.Run.ID, rec.SchemaVersion, SchemaVersion)
	}
	return &rec, nil
}

// Save stores rec under stateDir (mode 0600) and returns the path. The
// file is written whole and renamed into place, so that a reader never
// sees half a record.
func Save(stateDir string, rec *Record) (string, error) {
	if err := journal.CheckRunID(rec.Run.ID); err != nil {
		return "", fmt.Errorf("not storing the run record: %w", err)
	}
	path := Path(stateDir, rec.Run.ID)
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return "", fmt.Errorf("not storing the run record: %w", err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, rec); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+rec.Run.ID+"-*.tmp")
	if err != nil {
		return "", fmt.Errorf("not storing the run record: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	err = tmp.Chmod(fileMode)
	if err == nil {
		_, err = tmp.Write(buf.Bytes())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return "", fmt.Errorf("not storing the run record %s: %w", path, err)
	}
	return path, nil
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

// Find resolves what a user names a run by: a path to a record file, or a
// run id (or a unique prefix of one) under stateDir.
func Find(stateDir, run string) (string, error) {
	if strings.ContainsRune(run, os.PathSeparator) || strings.HasSuffix(run, ".json") {
		if _, err := os.Stat(run); err != nil {
			return "", fmt.Errorf("%w: %w", ErrNotFound, err)
		}
		return run, nil
	}
	if err := journal.CheckRunID(run); err != nil {
		return "", err
	}
	exact := Path(stateDir, run)
	if _, err := os.Stat(exact); err == nil {
		return exact, nil
	}
	matches, _ := filepath.Glob(filepath.Join(journal.RunsDir(stateDir), run+"*"+Ext))
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", fmt.Errorf("%w for run %q under %s (runs that ended before records were kept have only a journal)", ErrNotFound, run, journal.RunsDir(stateDir))
	default:
		return "", fmt.Errorf("run %q is ambiguous: %d records start with it", run, len(matches))
	}
}
