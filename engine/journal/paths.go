package journal

import (
	"fmt"
	"path/filepath"
	"strings"
)

// File and directory modes: journals hold resource ids and snapshots of a
// live account, so only their owner reads them.
const (
	dirMode  = 0o700
	fileMode = 0o600
	ext      = ".jsonl"
)

// RunsDir is where the journals of state directory dir live.
func RunsDir(dir string) string { return filepath.Join(dir, "runs") }

// Path is the journal file of run id under state directory dir.
func Path(dir, id string) string { return filepath.Join(RunsDir(dir), id+ext) }

// CheckRunID refuses ids that cannot be a plain file name, so that an id
// read from a command line can never point outside the runs directory.
func CheckRunID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("empty run id")
	case len(id) > 128:
		return fmt.Errorf("run id %q is longer than 128 characters", id)
	case strings.HasPrefix(id, "."):
		return fmt.Errorf("run id %q must not start with a dot", id)
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return fmt.Errorf("run id %q may contain only letters, digits, '-', '_' and '.'", id)
		}
	}
	return nil
}
