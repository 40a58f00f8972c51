//go:build !unix

package state

// withGuard without flock: Swap and DeleteIf on a local directory are then
// only safe within one process. Not finished: a portable file lock for
// non-Unix systems.
func withGuard(_ string, fn func() error) error { return fn() }
