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
	ctx, stop := notifyContext(os.Args)
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
		command.NewCmdInit(f, b, nil),
		command.NewCmdRun(f, b, nil),
		command.NewCmdPlan(f, b, nil),
		command.NewCmdRecover(f, b, nil),
		command.NewCmdSchedule(f, b, nil),
		command.NewCmdDemo(f, b, nil),
		command.NewCmdReport(f, nil),
		command.NewCmdHistory(f, nil),
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

// notifyContext cancels the context on the first Ctrl-C or SIGTERM, with a
// command.Signal as the cause. A verb that may have injected faults aborts
// and reverts them; later signals do not kill it (interrupting a revert
// would leave faults in place) and only say that reverting continues. Any
// other verb stops, and a second signal ends it at once (command.OnSignal).
func notifyContext(args []string) (context.Context, func()) {
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
				msg, exitNow := command.OnSignal(args, s, n)
				fmt.Fprint(os.Stderr, msg)
				if exitNow {
					os.Exit(command.Signal{Sig: s}.ExitCode())
				}
				if n == 1 {
					cancel(command.Signal{Sig: s})
				}
			}
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}
