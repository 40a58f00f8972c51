// Command gameday runs chaos game days against AWS. main builds the real
// dependencies, assembles the verbs and is the only place that exits.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"

	"github.com/gameday-dev/gameday/cmd/gameday/command"
	"github.com/gameday-dev/gameday/engine/runner"
)

// version is set at link time: go build -ldflags "-X main.version=v1.2.3".
// It is a variable only because -X can set nothing else.
var version = "dev"

func main() {
	os.Exit(run())
}

func run() int {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(runner.GCPercent)
	}
	ctx, stop := notifyContext()
	defer stop()

	f := &command.Factory{
		IO: &command.IOStreams{
			In:     os.Stdin,
			Out:    os.Stdout,
			ErrOut: os.Stderr,
			Color:  isTerminal(os.Stderr) && os.Getenv("NO_COLOR") == "",
			TTY:    isTerminal(os.Stderr),
			Width:  terminalWidth(os.Stderr),
		},
		Environ: os.Environ,
		Version: version,
	}
	b := &command.Backends{AWS: command.RealAWS, Sandbox: command.SandboxBackend}
	app := command.NewApp(f,
		command.NewCmdRun(f, b, nil),
		command.NewCmdPlan(f, b, nil),
		command.NewCmdRecover(f, b, nil),
		command.NewCmdSchedule(f, b, nil),
		command.NewCmdDemo(f, b, nil),
		command.NewCmdReport(f, nil),
		command.NewCmdSandbox(f, nil),
		command.NewCmdValidate(f, nil),
		command.NewCmdIAMPolicy(f, nil),
		command.NewCmdFmt(f, nil),
		command.NewCmdVersion(f, nil),
	)
	return command.Run(ctx, f, app, os.Args)
}

// isTerminal reports whether fd is a character device (a terminal), the
// portable test that needs no extra dependency.
func isTerminal(fd *os.File) bool {
	st, err := fd.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// terminalWidth wraps diagnostics on terminals: $COLUMNS when the shell
// exports it, 100 otherwise; 0 (no wrapping) when not a terminal, so logs
// keep whole lines.
func terminalWidth(fd *os.File) uint {
	if !isTerminal(fd) {
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 20 {
		return uint(n)
	}
	return 100
}

// notifyContext cancels the context on the first Ctrl-C or SIGTERM, so a
// running game day aborts and reverts what it injected. Later signals do not
// kill the process: interrupting a revert would leave faults in place. They
// only say that reverting continues, and how to get out for real.
func notifyContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		n := 0
		for {
			select {
			case <-done:
				return
			case s := <-sigs:
				n++
				if n == 1 {
					fmt.Fprintf(os.Stderr, "\ngameday: %v: aborting; reverting everything injected (press Ctrl-C again for status)\n", s)
					cancel(fmt.Errorf("%v received", s))
					continue
				}
				fmt.Fprintf(os.Stderr, "\ngameday: %v again: reverting continues and will finish. If this process is killed (kill -9), run `gameday recover --all` to revert what its journal says is left.\n", s)
			}
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}
