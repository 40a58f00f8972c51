package command

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/discover"
	"github.com/gameday-dev/gameday/discover/draft"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// reachTimeout bounds the one GET init sends to each endpoint found.
const reachTimeout = 3 * time.Second

func runInit(ctx context.Context, f *Factory, b *Backends, opts *InitOptions) error {
	be, err := opts.AWS.open(ctx, b, "")
	if err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not reading the account: %w", err)}
	}
	defer be.Close()
	// Innermost the recorder (what reached the endpoint), then patience
	// for throttled reads, outermost a gate that is never opened: init
	// cannot change anything, whatever discovery calls.
	recorded, rec := awsapi.NewRecorder(be.Clients)
	clients, _ := awsapi.NewGate(awsapi.Patient(recorded, awsapi.ReadRetry{}))
	acct, err := discover.Discover(ctx, clients, discover.Filter{Select: opts.Select, Protect: opts.Protect})
	if err != nil {
		return &ExitError{Code: engine.ExitAborted, Err: fmt.Errorf("nothing was written: %w", err)}
	}
	role := opts.FISRoleARN
	if role == "" && be.Sandbox {
		role = stringVar(be, "fis_role_arn")
	}
	d := discover.Decide(acct, discover.DecideOptions{FISRoleARN: role})
	reach := opts.Reach
	if reach == nil {
		reach = reachURL
	}
	unreachable := map[string]string{}
	for _, ep := range d.Endpoints {
		if err := reach(ctx, ep.URL); err != nil {
			unreachable[ep.URL] = err.Error()
		}
	}
	src := draft.Write(acct, d, draft.Options{Name: opts.Name, Command: strings.Join(opts.args, " "), Sandbox: be.Sandbox,
		Refs: sandboxRefs(be), Unreachable: unreachable})
	if err := checkDraft(f, be, src); err != nil {
		return err
	}
	if m := rec.Mutations(); len(m) > 0 {
		return fmt.Errorf("nothing was written: discovery sent %d mutating calls (first %s); this is a bug in gameday", len(m), m[0])
	}
	if err := writeDraft(f, opts, src); err != nil {
		return &ExitError{Code: engine.ExitInvalid, Err: err}
	}
	where := "standard output"
	if opts.Out != "" {
		where = opts.Out
	}
	fmt.Fprintf(f.IO.ErrOut, "gameday init: wrote %s for account %s in %s: %s, %s; %s made, none mutating.\n",
		where, acct.ID, acct.Region, plural(strings.Count(string(src), "\n  scenario \""), "scenario"),
		plural(strings.Count(string(src), "TODO:"), "TODO"), plural(len(rec.Calls()), "read call"))
	return nil
}

// sandboxRefs maps the values a sandbox publishes under sandbox.* to
// their references, for the keys game days may use.
func sandboxRefs(be *Backend) map[string]string {
	if !be.Sandbox {
		return nil
	}
	refs := map[string]string{}
	for _, k := range config.SandboxKeys() {
		if v := stringVar(be, k); v != "" {
			refs[v] = "sandbox." + k
		}
	}
	return refs
}

func stringVar(be *Backend, key string) string {
	v, ok := be.Vars[key]
	if !ok || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// checkDraft loads the written game day as validate would: a draft that
// does not validate is a bug, and is not written. The one exception is an
// account where no fault applies: the file is all TODOs, and says so.
func checkDraft(f *Factory, be *Backend, src []byte) error {
	l := newLoader(config.LoadOptions{Sandbox: be.Vars})
	_, diags := l.LoadSource("init.hcl", src)
	if !diags.HasErrors() {
		return nil
	}
	if len(diags) == 1 && diags[0].Summary == "No scenarios" {
		fmt.Fprintln(f.IO.ErrOut, "gameday init: no fault applies to what was found (the TODOs say why); add a scenario before validating the file.")
		return nil
	}
	_ = writeDiagnostics(f, l.Files(), diags)
	return fmt.Errorf("nothing was written: the game day init wrote does not validate; this is a bug in gameday")
}

// writeDraft writes src to standard output, or to opts.Out through a
// temporary file renamed into place, so that an interrupted write leaves
// no half file. Without --force, a file created meanwhile is not replaced.
func writeDraft(f *Factory, opts *InitOptions, src []byte) error {
	if opts.Out == "" {
		_, err := f.IO.Out.Write(src)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(opts.Out), "."+filepath.Base(opts.Out)+".init-*")
	if err != nil {
		return fmt.Errorf("not writing %s: %w", opts.Out, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(src)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && !opts.Force {
		// Link fails when the name exists: no race with another writer.
		if err = os.Link(tmp.Name(), opts.Out); err == nil {
			return os.Chmod(opts.Out, 0o644)
		}
	} else if err == nil {
		err = os.Rename(tmp.Name(), opts.Out)
		if err == nil {
			err = os.Chmod(opts.Out, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("not writing %s: %w", opts.Out, err)
	}
	return nil
}

// reachURL sends one GET and says why the endpoint cannot serve a probe:
// no answer within reachTimeout, or a status other than 200 (the status
// the written probe expects).
func reachURL(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, reachTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("no answer: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("it answered %s", resp.Status)
	}
	return nil
}
