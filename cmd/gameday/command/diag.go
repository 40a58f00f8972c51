package command

import (
	"fmt"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/hashicorp/hcl/v2"
	"github.com/urfave/cli/v2"
)

// writeDiagnostics prints diags to stderr in the text format, with source
// snippets from the loader's files.
func writeDiagnostics(f *Factory, files map[string]*hcl.File, diags hcl.Diagnostics) error {
	if len(diags) == 0 {
		return nil
	}
	return config.WriteDiagnostics(f.IO.ErrOut, files, diags, config.FormatText, f.IO.Width, f.IO.Color)
}

// plural returns "1 file" / "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// LoadFlags are the flags shared by every verb that loads game-day files
// (validate, plan, run...): --var, --var-file and --allow-file-outside
// (the single-dash forms work too).
type LoadFlags struct {
	vars             multiFlag
	varFiles         multiFlag
	allowFileOutside bool
}

// Flags returns the cli flags that fill l.
func (l *LoadFlags) Flags() []cli.Flag {
	return []cli.Flag{
		&cli.GenericFlag{Name: "var", Value: &l.vars, Usage: "set a variable, `NAME=VALUE` (repeatable; later wins; lists and maps as HCL, e.g. 'azs=[\"us-east-1a\"]')"},
		&cli.GenericFlag{Name: "var-file", Value: &l.varFiles, Usage: "read variables from an HCL or .json `FILE` (repeatable, in order; --var wins over it)"},
		&cli.BoolFlag{Name: "allow-file-outside", Destination: &l.allowFileOutside, Usage: "let file() read outside the game-day file's directory"},
	}
}

// Options returns the loader options the flags describe, with the
// factory's environment (for env() and GAMEDAY_VAR_<name>). Every game day
// they load teaches the verb's redactor its secrets.
func (l *LoadFlags) Options(f *Factory) config.LoadOptions {
	return config.LoadOptions{
		Registry:         catalog.Registry(),
		Vars:             append([]string(nil), l.vars.values...),
		VarFiles:         append([]string(nil), l.varFiles.values...),
		Environ:          f.environ(),
		AllowFileOutside: l.allowFileOutside,
		Learner:          learner{f},
	}
}
