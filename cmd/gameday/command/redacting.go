package command

import (
	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/redact"
)

// verbatimOutput reports whether a verb's standard output is the user's
// own file (fmt -): redacting it would corrupt the file, and it holds
// nothing the user did not write. Its errors are redacted all the same.
func verbatimOutput(c *cli.Command) bool { return c.Name == "fmt" }

// redacting wraps a verb's action so that nothing it writes can show a
// secret: its streams pass through one Redactor for the whole action,
// which learns each game day as it is loaded (learner), before any
// diagnostic about it is printed; its context carries the Redactor to the
// journal and Slack; and the error it returns, which Run prints, is
// redacted too. NewApp wraps every verb, so none has to remember to.
func redacting(f *Factory, c *cli.Command, action cli.ActionFunc) cli.ActionFunc {
	verbatim := verbatimOutput(c)
	return func(cc *cli.Context) error {
		r := redact.New()
		streams := *f.IO
		out, errOut := r.Writer(streams.Out), r.Writer(streams.ErrOut)
		if !verbatim {
			streams.Out = out
		}
		streams.ErrOut = errOut
		saved := f.IO
		f.IO, f.redactor = &streams, r
		cc.Context = redact.NewContext(cc.Context, r)
		err := action(cc)
		// Flushed before Run prints the error: the streams keep their
		// order.
		_ = out.Flush()
		_ = errOut.Flush()
		f.IO, f.redactor = saved, nil
		return r.Error(err)
	}
}

// learner teaches the running verb's Redactor the secrets of each game
// day a loader decodes (config.LoadOptions.Learner). It looks the
// Redactor up when told, so loader options may be made before the verb
// runs.
type learner struct{ f *Factory }

func (l learner) Learn(gd *config.GameDay) {
	if l.f.redactor != nil {
		l.f.redactor.Learn(gd)
	}
}
