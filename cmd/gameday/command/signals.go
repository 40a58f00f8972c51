package command

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// Signal is the cause main gives the context when SIGINT or SIGTERM
// arrives; verbs that stop on it exit with its ExitCode.
type Signal struct{ Sig os.Signal }

func (s Signal) Error() string { return fmt.Sprintf("%v received", s.Sig) }

// ExitCode is 128 + the signal's number, as a shell reports a command the
// signal ended: 130 for SIGINT, 143 for SIGTERM.
func (s Signal) ExitCode() int {
	if n, ok := s.Sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 128 + int(syscall.SIGINT)
}

// revertingVerbs are the verbs that may have injected faults (or revert
// them) when a signal arrives: they finish reverting before they exit.
var revertingVerbs = map[string]bool{"run": true, "demo": true, "schedule": true, "recover": true}

// VerbOf returns the verb args (os.Args form) invoke, "" for none: the
// first argument that is not a flag (the app has no flag taking a value).
func VerbOf(args []string) string {
	for _, a := range args[1:] {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// OnSignal says what the n-th signal sig does to the verb args invoke:
// the line to print, and whether to exit at once. A verb that may have
// injected something reverts it first and is never ended by a signal; any
// other verb stops at the first signal (it changes nothing that needs
// putting back, so there is nothing to revert), and exits at once on the
// second.
func OnSignal(args []string, sig os.Signal, n int) (msg string, exitNow bool) {
	verb := VerbOf(args)
	switch {
	case verb == "recover" && n == 1:
		return fmt.Sprintf("\ngameday: %v: recovering continues and will finish; it is what puts things back.\n", sig), false
	case revertingVerbs[verb] && n == 1:
		return fmt.Sprintf("\ngameday: %v: aborting; reverting everything injected (press Ctrl-C again for status)\n", sig), false
	case revertingVerbs[verb]:
		return fmt.Sprintf("\ngameday: %v again: reverting continues and will finish. If this process is killed (kill -9), run `gameday recover --all` to revert what its journal says is left.\n", sig), false
	case n == 1:
		return fmt.Sprintf("\ngameday: %v: stopping (nothing to revert: %s changes nothing in AWS)\n", sig, displayVerb(verb)), false
	}
	return fmt.Sprintf("\ngameday: %v again: exiting now\n", sig), true
}

func displayVerb(verb string) string {
	if verb == "" {
		return "gameday"
	}
	return "gameday " + verb
}

// interrupted returns the error of a verb that stops because a signal
// cancelled ctx (nil when it did not), with the signal's exit code; what
// says what was left as it was.
func interrupted(ctx context.Context, verb, what string) error {
	if ctx.Err() == nil {
		return nil
	}
	sig := Signal{Sig: os.Interrupt}
	errors.As(context.Cause(ctx), &sig)
	return &ExitError{Code: sig.ExitCode(), Err: fmt.Errorf("%s: stopped by %v; %s", verb, sig.Sig, what)}
}
