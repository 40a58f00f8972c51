package redact

import (
	"bytes"
	"io"
	"sync"
)

// Line buffering bounds: a line longer than maxPending without a newline
// is written in pieces, keeping the last keepTail bytes back so that a
// secret cut by the piece boundary is still whole in the next piece.
const (
	maxPending = 64 << 10
	keepTail   = 4 << 10
)

// Writer redacts what is written through it. It holds back the text after
// the last newline until the line is complete (or Flush), so that a secret
// split across two Write calls is still found. It is safe for concurrent
// use.
type Writer struct {
	r   *Redactor
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

// Writer returns a Writer that redacts into w. Call Flush (or Close) when
// done: a last line without a newline is held until then.
func (r *Redactor) Writer(w io.Writer) *Writer { return &Writer{r: r, w: w} }

// Write buffers p and writes every complete line, redacted. It reports p
// as written whole; an error is the underlying writer's.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	n := bytes.LastIndexByte(w.buf, '\n') + 1
	if n == 0 && len(w.buf) > maxPending {
		n = len(w.buf) - keepTail
	}
	if n == 0 {
		return len(p), nil
	}
	return len(p), w.emit(n)
}

// Flush writes what is held back.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.emit(len(w.buf))
}

// Close flushes; the underlying writer stays open (it is usually stdout).
func (w *Writer) Close() error { return w.Flush() }

// emit writes the first n buffered bytes, redacted; w.mu is held.
func (w *Writer) emit(n int) error {
	if n == 0 {
		return nil
	}
	// Written before the buffer is compacted: Bytes may return the
	// buffer itself.
	_, err := w.w.Write(w.r.Bytes(w.buf[:n]))
	rest := copy(w.buf, w.buf[n:])
	w.buf = w.buf[:rest]
	return err
}
