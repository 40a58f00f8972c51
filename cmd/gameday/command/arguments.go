package command

import (
	"fmt"
	"strings"
)

// Flags must come before the arguments: the flag parser stops at the first
// argument, so a flag written after it is taken as one more argument, and
// the error the verb would give ("2 arguments", "cannot read --plain")
// would not say why.

// flagAfterArgs refuses arguments holding a flag, saying that flags go
// first; usage names the arguments ("FILE", "FILE|DIR..."). A lone "-"
// (standard input) is an argument.
func flagAfterArgs(f *Factory, verb, usage string, args []string) error {
	for i, a := range args {
		if strings.HasPrefix(a, "-") && a != "-" {
			after := ""
			if i > 0 {
				after = fmt.Sprintf(" after %q", args[i-1])
			}
			return usageErrorf(f, verb, "flags go before %s: %q%s was taken as an argument; write gameday %s [flags] %s", usage, a, after, verb, usage)
		}
	}
	return nil
}

// oneArg returns the single argument of a verb that takes exactly one
// (what names it: "game-day FILE", "RUN").
func oneArg(f *Factory, verb, what string, args []string) (string, error) {
	if err := flagAfterArgs(f, verb, lastWord(what), args); err != nil {
		return "", err
	}
	if len(args) != 1 {
		return "", usageErrorf(f, verb, "expected exactly one %s, got %s", what, plural(len(args), "argument"))
	}
	return args[0], nil
}

func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }
