//go:build unix

package state

import (
	"os"
	"path/filepath"
	"syscall"
)

// withGuard runs fn holding an exclusive flock on a hidden guard file next
// to path. The kernel drops the flock when its holder dies, so a crashed
// process never leaves the guard held.
func withGuard(path string, fn func() error) error {
	g, err := os.OpenFile(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".guard"), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return err
	}
	defer g.Close()
	if err := syscall.Flock(int(g.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer syscall.Flock(int(g.Fd()), syscall.LOCK_UN)
	return fn()
}
