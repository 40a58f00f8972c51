//go:build !unix

package probes

import "os/exec"

// killProcessGroup is a no-op where process groups do not exist; only the
// command itself is killed on timeout.
func killProcessGroup(*exec.Cmd) {}
