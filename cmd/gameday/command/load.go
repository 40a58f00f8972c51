package command

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
)

// loadGameDay loads one game-day file, printing every diagnostic. Any error
// is engine.ExitInvalid: nothing has been contacted yet.
func loadGameDay(f *Factory, lo config.LoadOptions, path string, sandbox map[string]cty.Value) (*config.GameDay, error) {
	lo.Sandbox = sandbox
	l := newLoader(lo)
	gd, diags := l.LoadFile(path)
	if len(diags) > 0 {
		if err := writeDiagnostics(f, l.Files(), diags); err != nil {
			return nil, err
		}
	}
	if diags.HasErrors() || gd == nil {
		errs, _ := config.CountDiagnostics(diags)
		fmt.Fprintf(f.IO.ErrOut, "gameday: %s is not valid (%s); nothing was touched.\n", path, plural(errs, "error"))
		return nil, Silent(engine.ExitInvalid)
	}
	return gd, nil
}

// newLoader is the only way commands make a loader: the language's
// registry is the fault catalog's unless a caller chose one, so that no
// command can load a game day without its fault kinds.
func newLoader(lo config.LoadOptions) *config.Loader {
	if lo.Registry == nil {
		lo.Registry = catalog.Registry()
	}
	return config.NewLoader(lo)
}
