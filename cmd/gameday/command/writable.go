package command

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkWritableDir tells, before a run depends on it, whether dir exists or
// could be created and whether files can be written into it. It creates and
// removes one temporary file in dir or, when dir does not exist yet, in its
// nearest existing ancestor (where creating dir would start); it creates no
// directory, so the check leaves nothing behind. The error names dir and
// carries the operating system's.
func checkWritableDir(dir string) error {
	at := filepath.Clean(dir)
	for {
		_, err := os.Stat(at)
		if err == nil {
			break
		}
		parent := filepath.Dir(at)
		if !errors.Is(err, fs.ErrNotExist) || parent == at {
			return fmt.Errorf("directory %s cannot be used: %w", dir, err)
		}
		at = parent
	}
	tmp, err := os.CreateTemp(at, ".gameday-write-check-*")
	if err != nil {
		return fmt.Errorf("directory %s cannot be written: %w", dir, err)
	}
	err = tmp.Close()
	if rerr := os.Remove(tmp.Name()); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("directory %s cannot be written: %w", dir, err)
	}
	return nil
}
