package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/remote"
)

// servedSandbox starts a sandbox in the test process and serves it over
// loopback, so child gameday processes can act on it and die without
// taking it with them.
func servedSandbox(t *testing.T, ctx context.Context) (*sandbox.Sandbox, *remote.Server) {
	t.Helper()
	sb, err := sandbox.New(ctx, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	srv, err := remote.Serve("127.0.0.1:0", sb.Clients(), sb.Vars())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return sb, srv
}

// childRun starts `gameday run` on a game day source against the served
// sandbox, with its own state directory, and returns the process, its
// combined output and the state directory.
func childRun(t *testing.T, ctx context.Context, sandboxURL, name, src string) (*exec.Cmd, *bytes.Buffer, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	out := &bytes.Buffer{}
	child := gamedayCmd(ctx, "run", "--sandbox-url", sandboxURL, "--state-dir", state, "--plain", file)
	child.Stdout, child.Stderr = out, out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	return child, out, state
}
