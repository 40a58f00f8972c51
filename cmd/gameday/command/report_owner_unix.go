//go:build unix

package command

import (
	"os"
	"syscall"
)

// ownedByMe tells whether the file at path belongs to the user running
// the command; a file that cannot be examined is not.
func ownedByMe(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
