package command

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/urfave/cli/v2"
)

// FmtOptions are the inputs of `gameday fmt`.
type FmtOptions struct {
	Paths []string // FILE|DIR arguments; "-" is standard input
	Check bool     // list files that need formatting, change nothing
	Diff  bool     // print the changes as a unified diff
}

// NewCmdFmt returns the fmt verb.
func NewCmdFmt(f *Factory, runF func(*FmtOptions) error) *cli.Command {
	opts := &FmtOptions{}
	return &cli.Command{
		Name:      "fmt",
		Usage:     "rewrite game-day files in the canonical layout",
		ArgsUsage: "FILE|DIR...|-",
		Description: "Aligns equals signs and indents blocks the way HCL tools do (hclwrite.Format).\n" +
			"A directory means every *.hcl file below it, var files included; \"-\" formats\n" +
			"standard input to standard output. Files with syntax errors are reported and left\n" +
			"untouched.\n\n" +
			"Exit status: 0, or 3 when a file has syntax errors or, with --check, needs formatting.\n\n" +
			"Examples:\n" +
			"   gameday fmt experiments/\n" +
			"   gameday fmt --check --diff experiments/    # in CI",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "check", Destination: &opts.Check, Usage: "list files whose formatting differs and exit 3, without writing"},
			&cli.BoolFlag{Name: "diff", Destination: &opts.Diff, Usage: "print the formatting changes as a unified diff"},
		},
		Action: func(c *cli.Context) error {
			opts.Paths = c.Args().Slice()
			if len(opts.Paths) == 0 {
				return usageErrorf(f, "fmt", "no FILE or DIR given (use - for standard input)")
			}
			if err := flagAfterArgs(f, "fmt", "FILE|DIR...|-", opts.Paths); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runFmt(c.Context, f, opts)
		},
	}
}

// runFmt formats each file on its own: one that cannot be read or parsed
// is reported and left as it is, and the others are still formatted. A
// signal stops it between files; a file is replaced in one rename, so it
// is never left half written.
func runFmt(ctx context.Context, f *Factory, opts *FmtOptions) error {
	var paths []string
	for _, p := range opts.Paths {
		if p == "-" {
			paths = append(paths, p)
			continue
		}
		expanded, err := config.ExpandPaths([]string{p}, true)
		if err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("not formatting: %w", err)}
		}
		paths = append(paths, expanded...)
	}
	files := map[string]*hcl.File{}
	var diags hcl.Diagnostics
	unformatted := 0
	for _, p := range paths {
		if err := interrupted(ctx, "fmt", "files not reached are unchanged"); err != nil {
			return err
		}
		name, src, pd := readSource(ctx, f, p)
		if err := interrupted(ctx, "fmt", "files not reached are unchanged"); err != nil {
			return err
		}
		if pd == nil {
			pd = config.CheckSource(name, src, false)
		}
		if pd == nil {
			// Parse first: formatting a file that does not parse could
			// mangle it further.
			_, pd = hclwrite.ParseConfig(src, name, hcl.InitialPos)
		}
		if pd.HasErrors() {
			files[name] = &hcl.File{Bytes: src}
			diags = append(diags, pd...)
			continue
		}
		out := hclwrite.Format(src)
		if p == "-" {
			if _, err := f.IO.Out.Write(out); err != nil {
				return &ExitError{Code: engine.ExitInvalid, Err: fmt.Errorf("writing formatted input: %w", err)}
			}
			continue
		}
		if bytes.Equal(src, out) {
			continue
		}
		unformatted++
		fmt.Fprintln(f.IO.Out, p)
		if opts.Diff {
			writeUnifiedDiff(f.IO.Out, p, string(src), string(out))
		}
		if opts.Check {
			continue
		}
		if err := replaceFile(p, out); err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: err}
		}
	}
	if len(diags) > 0 {
		if err := writeDiagnostics(f, files, diags); err != nil {
			return &ExitError{Code: engine.ExitInvalid, Err: err}
		}
		return Silent(engine.ExitInvalid)
	}
	if opts.Check && unformatted > 0 {
		fmt.Fprintf(f.IO.ErrOut, "gameday fmt: %s not formatted; run \"gameday fmt\" on them.\n", plural(unformatted, "file"))
		return Silent(engine.ExitInvalid)
	}
	return nil
}

// readSource reads a file, or standard input for "-", within the limits
// of the loader (config.ReadSource); it returns the name diagnostics use.
// Standard input is read while watching ctx: a pipe that never closes
// must not outlive Ctrl-C.
func readSource(ctx context.Context, f *Factory, p string) (string, []byte, hcl.Diagnostics) {
	if p != "-" {
		src, diags := config.ReadSource(p, "file")
		return p, src, diags
	}
	const name = "<stdin>"
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(f.IO.In, config.MaxFileSize+1))
		done <- result{b, err}
	}()
	select {
	case <-ctx.Done():
		return name, nil, nil
	case r := <-done:
		if r.err != nil {
			return name, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read file",
				Detail: fmt.Sprintf("Standard input could not be read: %v.", r.err), Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}}
		}
		return name, r.b, nil
	}
}

// replaceFile replaces p's contents, keeping its permissions, through a
// temporary file in the same directory renamed over it: an interrupted
// write leaves the old file, never a truncated one. A symbolic link is
// followed, so the link stays a link.
func replaceFile(p string, b []byte) error {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return fmt.Errorf("not writing %s: %w", p, err)
	}
	st, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("not writing %s: %w", p, err)
	}
	// Hidden and without the .hcl suffix, so that no directory walk takes
	// a leftover for a game day.
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".fmt-*")
	if err != nil {
		return fmt.Errorf("not writing %s: %w", p, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Chmod(st.Mode().Perm())
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("not writing %s: %w", p, err)
	}
	return nil
}

// writeUnifiedDiff prints a unified diff (3 lines of context) of a and b.
// Game-day files are small, so the quadratic LCS table is fine.
func writeUnifiedDiff(w io.Writer, name, a, b string) {
	al, bl := splitLines(a), splitLines(b)
	n, m := len(al), len(bl)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		kind byte // ' ', '-', '+'
		text string
		ai   int // line index in a (for ' ' and '-') or insertion point
		bi   int
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			ops = append(ops, op{' ', al[i], i, j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			// Deletions first, as diff(1) prints them.
			ops = append(ops, op{'-', al[i], i, j})
			i++
		default:
			ops = append(ops, op{'+', bl[j], i, j})
			j++
		}
	}
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name)
	const ctx = 3
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-ctx, 0)
		end := k
		// Extend the hunk while changes are within 2*ctx of each other.
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run < len(ops) && run-end <= 2*ctx {
				end = run
				continue
			}
			end = min(end+ctx, len(ops))
			break
		}
		aStart, bStart, aLen, bLen := ops[start].ai, ops[start].bi, 0, 0
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				aLen++
			}
			if o.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", aStart+1, aLen, bStart+1, bLen)
		for _, o := range ops[start:end] {
			fmt.Fprintf(w, "%c%s\n", o.kind, o.text)
		}
		k = end
	}
}

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
