//go:build unix

package config

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without blocking when it turned
// into a FIFO after it was checked; regular files ignore the flag.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
