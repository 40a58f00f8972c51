package journal

import (
	"errors"
	"os"
)

// sink is where a Writer's records go: one journal file (fileSink) or one
// object per record in a state.Store (objectSink).
type sink interface {
	// write makes record seq (its JSON, without newline) durable.
	write(seq int64, rec []byte) error
	// lastSeq is the highest sequence number stored (after errSeqTaken).
	lastSeq() (int64, error)
	// fatal: after a failed write, no later write can be trusted.
	fatal() bool
	location() string
	close() error
}

// errSeqTaken: another writer already stored a record under this sequence
// number.
var errSeqTaken = errors.New("sequence number already taken")

// fileSink appends lines to a journal file opened with O_APPEND.
type fileSink struct {
	f    *os.File
	path string
}

func (s *fileSink) write(_ int64, rec []byte) error {
	// One write per record: a crash leaves at most one torn line, at the end.
	if _, err := s.f.Write(append(rec, '\n')); err != nil {
		return err
	}
	if err := s.f.Sync(); err != nil {
		return errors.Join(errors.New("syncing the record"), err)
	}
	return nil
}

// lastSeq is never needed: concurrent file writers interleave whole lines
// under O_APPEND rather than collide.
func (s *fileSink) lastSeq() (int64, error) { return 0, errors.New("not supported for journal files") }
func (s *fileSink) fatal() bool             { return true }
func (s *fileSink) location() string        { return s.path }
func (s *fileSink) close() error            { return s.f.Close() }
