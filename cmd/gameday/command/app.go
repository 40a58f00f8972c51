// Package command holds gameday's verbs. Each verb lives in its own file as
// an Options struct, a NewCmd<Verb> constructor that turns flags into
// Options, and a run<Verb> function that does the work with the Factory's
// dependencies; tests call the constructor with a fake run function to test
// flag parsing, and the run function with fake IO to test behaviour.
package command

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/reporters/slack"
)

// ExitError carries an exit code to main, the only place that exits.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *ExitError) Unwrap() error { return e.Err }

// ExitCode implements cli.ExitCoder.
func (e *ExitError) ExitCode() int { return e.Code }

// Silent is an ExitError whose message was already printed (diagnostics,
// a summary line): main exits without printing it again.
func Silent(code int) *ExitError { return &ExitError{Code: code} }

// ExitCode maps an error returned by App.RunContext to a process exit code.
// Errors that are not ExitErrors count as engine.ExitMissed (1): every
// verb is expected to classify its own failures.
func ExitCode(err error) int {
	if err == nil {
		return engine.ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	// urfave/cli's own refusals ("No help topic for ...") carry a code.
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return engine.ExitMissed
}

// IOStreams are the standard streams, replaced by buffers in tests.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Color enables VT100 colours in diagnostics (stderr is a terminal).
	Color bool
	// TTY is true when stderr is a terminal: progress is drawn live with
	// bars instead of printed as timestamped lines.
	TTY bool
	// Width wraps diagnostic text; 0 disables wrapping.
	Width uint
}

// Factory holds what verbs need from the outside world. main fills it; tests
// build one with buffers and a fixed environment.
type Factory struct {
	IO *IOStreams
	// Environ returns the environment (os.Environ in main).
	Environ func() []string
	// Version is the build's version ("dev" unless set at link time).
	Version string
	// Slack tunes how Slack is reached; zero in main, a local server in
	// tests.
	Slack slack.Options
	// redactor is the running verb's (see redacting); nil between verbs.
	redactor *redact.Redactor
}

func (f *Factory) environ() []string {
	if f.Environ == nil {
		return nil
	}
	return f.Environ()
}

// NewApp assembles the command-line application from commands built by
// the NewCmd* constructors, in the order given (the order of the help
// listing). Usage errors on the application or any command exit with
// engine.ExitInvalid.
func NewApp(f *Factory, commands ...*cli.Command) *cli.App {
	app := &cli.App{
		Name:  "gameday",
		Usage: "run chaos game days against AWS and measure the observed recovery",
		Description: "A game day is an HCL file of faults (ec2_kill, fis_az_blackout, nat_route_removal,\n" +
			"route53_health_flip), stop conditions, probes and objectives. gameday applies the\n" +
			"faults, always reverts them, and reports the observed RTO, RPO and time to detect.\n\n" +
			"Exit codes: 0 all objectives met; 1 an objective missed; 2 aborted by a stop\n" +
			"condition; 3 invalid input or usage (nothing touched); 4 a revert could not be completed;\n" +
			"130 or 143 a verb that changes nothing (validate, fmt) stopped by Ctrl-C or SIGTERM.",
		Version:   f.Version,
		Commands:  commands,
		Reader:    f.IO.In,
		Writer:    f.IO.Out,
		ErrWriter: f.IO.ErrOut,
		// "gameday help" and "gameday help VERB" work as users expect.
		HideHelpCommand: false,
		Suggest:         true,
		// main is the only place that exits: errors travel back to it.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   usageError,
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				fmt.Fprintf(f.IO.ErrOut, "gameday: unknown command %q; run \"gameday help\" for the list of commands.\n", c.Args().First())
				return Silent(engine.ExitInvalid)
			}
			return cli.ShowAppHelp(c)
		},
	}
	for _, c := range commands {
		prepare(f, c)
	}
	return app
}

// prepare sets a verb's usage errors and redacts its output, and its
// subcommands'.
func prepare(f *Factory, c *cli.Command) {
	if c.OnUsageError == nil {
		c.OnUsageError = usageError
	}
	if c.Action != nil {
		c.Action = redacting(f, c, c.Action)
	}
	for _, sub := range c.Subcommands {
		prepare(f, sub)
	}
}

// usageError reports a bad flag or argument and exits with engine.ExitInvalid.
func usageError(c *cli.Context, err error, isSubcommand bool) error {
	name := "gameday"
	if isSubcommand && c.Command != nil && c.Command.Name != "" {
		name = "gameday " + c.Command.Name
	}
	fmt.Fprintf(c.App.ErrWriter, "%s: %v\nRun \"%s --help\" for usage.\n", name, err, name)
	return Silent(engine.ExitInvalid)
}

// usageErrorf reports a usage problem found after flag parsing (a missing
// argument, a bad flag value).
func usageErrorf(f *Factory, verb, format string, args ...any) error {
	fmt.Fprintf(f.IO.ErrOut, "gameday %s: %s\nRun \"gameday %s --help\" for usage.\n", verb, fmt.Sprintf(format, args...), verb)
	return Silent(engine.ExitInvalid)
}

// Run runs app with args (os.Args form) and returns the exit code; it
// prints errors that were not printed already.
func Run(ctx context.Context, f *Factory, app *cli.App, args []string) int {
	err := app.RunContext(ctx, args)
	if err != nil {
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Err != nil {
			fmt.Fprintf(f.IO.ErrOut, "gameday: %v\n", err)
		}
	}
	return ExitCode(err)
}

// multiFlag collects a repeatable flag's values in order without
// splitting on commas (--var 'azs=["a","b"]' must stay one value).
type multiFlag struct{ values []string }

func (m *multiFlag) Set(v string) error { m.values = append(m.values, v); return nil }

// String is empty without values, so that help shows no "(default: [])".
func (m *multiFlag) String() string {
	if m == nil || len(m.values) == 0 {
		return ""
	}
	return fmt.Sprint(m.values)
}
