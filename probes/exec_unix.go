//go:build unix

package probes

import (
	"os/exec"
	"syscall"
)

// killProcessGroup makes a timed-out command die with its children: a
// shell script's curl would otherwise outlive the check.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
