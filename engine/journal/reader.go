package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Journal is a parsed journal file.
type Journal struct {
	Path    string
	Records []Record
	// Torn is true when the last line was not a complete record: the
	// process died while writing it. Its bytes are in TornTail; the record
	// it was writing may or may not have been about to happen, and recover
	// treats the batch from its earlier records (an intent is always
	// written before the mutation, so nothing injected is lost).
	Torn     bool
	TornTail []byte

	goodSize     int64  // bytes up to the end of the last complete record
	unterminated bool   // the last record is complete but lacks its newline
	tornKey      string // object stores: the unreadable last record's key
}

// RunID is the run the journal belongs to, from its first record.
func (j *Journal) RunID() string {
	if len(j.Records) == 0 {
		return ""
	}
	return j.Records[0].Run
}

// ReadRun reads the journal of run id under state directory dir.
func ReadRun(dir, id string) (*Journal, error) {
	if err := CheckRunID(id); err != nil {
		return nil, fmt.Errorf("not reading a journal: %w", err)
	}
	return ReadFile(Path(dir, id))
}

// ReadFile reads a journal file.
func ReadFile(path string) (*Journal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading journal: %w", err)
	}
	defer f.Close()
	j, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("reading journal %s: %w", path, err)
	}
	j.Path = path
	return j, nil
}

// Parse reads journal records from r. A bad last line is reported as Torn;
// a bad line followed by good ones is an error, since that is damage a
// crash cannot cause and silently skipping it could hide an intent.
func Parse(r io.Reader) (*Journal, error) {
	j := &Journal{}
	br := bufio.NewReader(r)
	var off int64
	var bad []byte // a line that did not parse, pending: is it the last?
	badLine := 0
	for line := 1; ; line++ {
		raw, err := br.ReadBytes('\n')
		if len(raw) > 0 {
			if bad != nil {
				return nil, fmt.Errorf("line %d is not a journal record and is followed by more records; the journal is damaged", badLine)
			}
			rec, ok := parseLine(raw)
			switch {
			case !ok:
				bad, badLine = raw, line
			default:
				j.Records = append(j.Records, rec)
				off += int64(len(raw))
				j.goodSize = off
				j.unterminated = raw[len(raw)-1] != '\n'
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if bad != nil {
		j.Torn, j.TornTail = true, bad
	}
	return j, nil
}

// parseLine decodes one line; blank lines and lines of NUL bytes (what some
// file systems leave after a crash) do not parse.
func parseLine(raw []byte) (Record, bool) {
	var rec Record
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || json.Unmarshal(t, &rec) != nil || rec.Type == "" {
		return Record{}, false
	}
	return rec, true
}
