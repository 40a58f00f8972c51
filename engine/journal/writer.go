package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/engine/redact"
)

// Appender is where Recover and the runner write records.
type Appender interface {
	// Append stamps r (Seq, Time, Run), writes it and makes it durable
	// (fsync, or PutObject returned) before returning it. An error means
	// the record may not be durable.
	Append(r Record) (Record, error)
}

// Writer appends records to one run's journal. It is safe for concurrent
// use: the faults of a scenario inject in parallel.
type Writer struct {
	mu      sync.Mutex
	sink    sink
	run     string
	seq     int64
	records []Record
	// broken is set by the first failed write or sync of a journal file and
	// refuses every later append: after a partial write the file's tail is
	// unknown, and after a failed fsync Linux may have dropped the dirty
	// pages, so pretending later records are safe would break the promise.
	// (An object store has no tail to corrupt: see sink.fatal.)
	broken error
	now    func() time.Time
	// redact scrubs each record as written (nil: the rules for any text).
	// The records kept in memory for the running process stay whole; a
	// secret is only ever missing from the stored journal, whose readers
	// (recover, listings, people) have no use for one.
	redact *redact.Redactor
}

// Start describes a run for its run_start record.
type Start struct {
	RunID   string
	GameDay string
	File    string
	Account string
	Region  string
}

// Create makes the journal of a new run under state directory dir and
// writes its run_start record. It refuses to overwrite an existing journal.
func Create(dir string, s Start) (*Writer, error) { return create(dir, s, time.Now, nil) }

// create is Create with a clock and a redactor.
func create(dir string, s Start, now func() time.Time, red *redact.Redactor) (*Writer, error) {
	if err := CheckRunID(s.RunID); err != nil {
		return nil, fmt.Errorf("not creating a journal: %w", err)
	}
	runs := RunsDir(dir)
	if err := os.MkdirAll(runs, dirMode); err != nil {
		return nil, fmt.Errorf("not creating journal directory %s: %w", runs, err)
	}
	// MkdirAll leaves an existing directory's mode alone; journals must not
	// be readable by others whatever created the directory.
	if err := os.Chmod(runs, dirMode); err != nil {
		return nil, fmt.Errorf("not restricting journal directory %s to its owner: %w", runs, err)
	}
	path := Path(dir, s.RunID)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, fileMode)
	if err != nil {
		return nil, fmt.Errorf("not creating journal %s: %w", path, err)
	}
	// The new directory entry is only durable once the directory is synced.
	// dir is synced too in case runs/ itself was just created.
	if err := errors.Join(syncDir(runs), syncDir(dir)); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal %s created but its directory could not be synced: %w", path, err)
	}
	return start(&Writer{sink: &fileSink{f: f, path: path}, run: s.RunID, now: now, redact: red}, s)
}

// start writes the run_start record of a new journal.
func start(w *Writer, s Start) (*Writer, error) {
	host, _ := os.Hostname()
	_, err := w.Append(Record{Type: TypeRunStart, GameDay: s.GameDay, File: s.File,
		Account: s.Account, Region: s.Region, Host: host, PID: os.Getpid()})
	if err != nil {
		w.sink.close()
		return nil, err
	}
	return w, nil
}

// Open reopens the journal of run id to append to it (recover), and returns
// what it held. A torn last record (a crash mid-write) is cut off and the
// cut is recorded in a note, so that appended records start on a clean
// line.
func Open(dir, id string) (*Writer, *Journal, error) { return open(dir, id, nil) }

// open is Open with a redactor.
func open(dir, id string, red *redact.Redactor) (*Writer, *Journal, error) {
	if err := CheckRunID(id); err != nil {
		return nil, nil, fmt.Errorf("not opening a journal: %w", err)
	}
	path := Path(dir, id)
	j, err := ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	// O_APPEND, as in Create: should the run's own process still be alive
	// (recover --force), each record lands whole at the end instead of
	// overwriting the other process's records.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("not appending to journal %s: %w", path, err)
	}
	if err := repairTail(f, j); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("not appending to journal %s: %w", path, err)
	}
	return reopen(&Writer{sink: &fileSink{f: f, path: path}, run: id, now: time.Now, redact: red}, j)
}

// reopen positions w after journal j's records and notes a discarded torn
// record.
func reopen(w *Writer, j *Journal) (*Writer, *Journal, error) {
	w.records = append([]Record(nil), j.Records...)
	for _, r := range j.Records {
		w.seq = max(w.seq, r.Seq)
	}
	if j.Torn {
		if _, err := w.Append(Record{Type: TypeNote, Note: fmt.Sprintf("discarded a torn last record (%d bytes) left by a crash mid-write: %q", len(j.TornTail), clip(j.TornTail, 200))}); err != nil {
			w.Close()
			return nil, nil, err
		}
	}
	return w, j, nil
}

// repairTail truncates a torn tail, or ends a complete but unterminated
// last record with its newline.
func repairTail(f *os.File, j *Journal) error {
	if j.Torn {
		if err := f.Truncate(j.goodSize); err != nil {
			return fmt.Errorf("cutting off the torn last record: %w", err)
		}
		return f.Sync()
	}
	if j.unterminated {
		if _, err := f.Write([]byte("\n")); err != nil {
			return fmt.Errorf("terminating the last record: %w", err)
		}
		return f.Sync()
	}
	return nil
}

// Path is where the journal is: its file, or for an object store the
// location of its records (s3://bucket/prefix/runs/ID/journal/).
func (w *Writer) Path() string { return w.sink.location() }

// RunID is the run the journal belongs to.
func (w *Writer) RunID() string { return w.run }

// Append implements Appender.
func (w *Writer) Append(r Record) (Record, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken != nil {
		return r, fmt.Errorf("not journaling %s: the journal %s failed earlier: %w", r.Type, w.sink.location(), w.broken)
	}
	r.Time = w.now().UTC()
	r.Run = w.run
	for attempt := 0; ; attempt++ {
		r.Seq = w.seq + 1
		line, err := json.Marshal(r)
		if err != nil {
			return r, fmt.Errorf("not journaling %s: %w", r.Type, err)
		}
		// The one place records are written: nothing reaches the file or
		// the store unredacted.
		line = w.redact.Bytes(line)
		err = w.sink.write(r.Seq, line)
		// The run_start record (seq 1) taken means the journal exists:
		// that is an error, not something to append after.
		if errors.Is(err, errSeqTaken) && w.seq > 0 && attempt < seqRetries {
			// Another process appends to the same run (recover --force
			// while the run is alive): continue after its records.
			if last, lerr := w.sink.lastSeq(); lerr == nil && last > w.seq {
				w.seq = last
				continue
			}
		}
		if err != nil {
			if w.sink.fatal() {
				w.broken = err
			}
			return r, fmt.Errorf("journaling %s to %s: %w", r.Type, w.sink.location(), err)
		}
		break
	}
	w.seq = r.Seq
	w.records = append(w.records, r)
	return r, nil
}

// seqRetries bounds how often an append moves past records another process
// appended under the same sequence numbers.
const seqRetries = 5

// Records returns a copy of every record of the run so far (those read by
// Open and those appended since).
func (w *Writer) Records() []Record {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Record(nil), w.records...)
}

// End writes the run_end record with the run's final status.
func (w *Writer) End(status string) error {
	_, err := w.Append(Record{Type: TypeRunEnd, Status: status})
	return err
}

// Note writes a free-form note.
func (w *Writer) Note(format string, args ...any) error {
	_, err := w.Append(Record{Type: TypeNote, Note: fmt.Sprintf(format, args...)})
	return err
}

// Close closes the journal; later appends fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken == nil {
		w.broken = errors.New("journal closed")
	}
	return w.sink.close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
