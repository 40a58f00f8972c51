//go:build unix

package config

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFIFONeverBlocks gives the loader a FIFO that no one writes to, as a
// game-day file and through file(): reading it would wait forever.
func TestFIFONeverBlocks(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.hcl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	_, diags := NewLoader(LoadOptions{}).LoadFile(fifo)
	if d := onlyDiag(t, diags, "Not a regular file"); !strings.Contains(d.Detail, "named pipe") {
		t.Errorf("detail: %s", d.Detail)
	}
	src := `gameday "g" {
  description = file("f.hcl")` + oneScenario + `}`
	_, diags = NewLoader(LoadOptions{}).LoadSource(filepath.Join(dir, "g.hcl"), []byte(src))
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "named pipe") {
		t.Errorf("file() of a FIFO: %v", diags)
	}
}
