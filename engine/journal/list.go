package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// RunStatus is a run's status as its journal shows it.
type RunStatus string

// Run statuses.
const (
	StatusFinished RunStatus = "finished" // run_end written
	StatusRunning  RunStatus = "running"  // no run_end; its process is alive on this host
	// StatusCrashed: no run_end and its process is gone (or was on another
	// host, or the liveness check could not be made): crashed or killed.
	StatusCrashed RunStatus = "crashed"
)

// RunInfo summarises one journal.
type RunInfo struct {
	ID      string
	Path    string
	GameDay string
	File    string
	Account string
	Region  string
	Started time.Time
	Status  RunStatus
	// EndStatus is run_end's status ("passed", "aborted", ...), when any.
	EndStatus string
	// Pending counts the batches that may still be in effect.
	Pending int
	// Torn: the journal ends with a torn record.
	Torn bool
	// Err is set when the journal could not be read; the other fields are
	// then empty but the run is still listed so that it is not forgotten.
	Err error
}

// Liveness tells whether process pid on host is still running.
type Liveness func(host string, pid int) bool

// List summarises every journal under state directory dir, newest first.
// alive may be nil to use LocalLiveness. A missing runs directory is an
// empty list.
func List(dir string, alive Liveness) ([]RunInfo, error) {
	if alive == nil {
		alive = LocalLiveness
	}
	entries, err := os.ReadDir(RunsDir(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	var out []RunInfo
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		path := filepath.Join(RunsDir(dir), e.Name())
		info := RunInfo{ID: strings.TrimSuffix(e.Name(), ext), Path: path}
		j, err := ReadFile(path)
		if err != nil {
			info.Err = err
			out = append(out, info)
			continue
		}
		out = append(out, Summarize(j, info, alive))
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].Started.After(out[k].Started) })
	return out, nil
}

// Summarize fills info from journal j.
func Summarize(j *Journal, info RunInfo, alive Liveness) RunInfo {
	info.Torn = j.Torn
	info.Pending = len(Pending(j.Records))
	info.Status = StatusCrashed
	var host string
	var pid int
	for _, r := range j.Records {
		switch r.Type {
		case TypeRunStart:
			info.GameDay, info.File, info.Account, info.Region = r.GameDay, r.File, r.Account, r.Region
			info.Started, host, pid = r.Time, r.Host, r.PID
		case TypeRunEnd:
			info.Status, info.EndStatus = StatusFinished, r.Status
		}
	}
	if info.Status != StatusFinished && pid > 0 && alive(host, pid) {
		info.Status = StatusRunning
	}
	return info
}

// LocalLiveness says a process is alive when it is on this host and
// answers signal 0. A reused pid can make a crashed run look running; the
// error is on the safe side for a caller that refuses to recover a running
// run: it waits rather than racing a live process.
func LocalLiveness(host string, pid int) bool {
	if h, err := os.Hostname(); err != nil || h != host {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
