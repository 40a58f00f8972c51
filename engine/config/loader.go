package config

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// LoadOptions configure a Loader.
type LoadOptions struct {
	// Vars are "name=value" pairs from --var options, in command-line order.
	Vars []string
	// VarFiles are HCL or JSON (.json) files of name = value, in order.
	VarFiles []string
	// Environ is the environment in os.Environ form; it feeds env() and
	// GAMEDAY_VAR_<name>. Nil means an empty environment, so that loading
	// never depends on the process's environment by accident.
	Environ []string
	// AllowFileOutside lets file() read outside the game-day file's
	// directory tree.
	AllowFileOutside bool
	// Sandbox holds the addresses of a running sandbox (keys:
	// SandboxKeys()); nil means placeholders.
	Sandbox map[string]cty.Value
	// Registry holds the accepted kinds; nil means DefaultRegistry().
	Registry *Registry
	// Learner, when set, is told of every game day decoded, before
	// LoadFile returns it with its diagnostics, even when they hold
	// errors: a command's output redactor learns the game day's secrets
	// there, before any diagnostic that could quote one is printed.
	Learner Learner
}

// Learner is told of the game days a Loader decodes (LoadOptions.Learner).
type Learner interface {
	Learn(*GameDay)
}

// Loader parses and decodes game-day files. It keeps every parsed file so
// that diagnostics can be printed with source snippets. A Loader is not safe
// for concurrent use.
type Loader struct {
	opts    LoadOptions
	parser  *hclparse.Parser
	environ map[string]string
	reg     *Registry
	sandbox cty.Value
	// patterns is shared by the decoders of every file (see Decoder.Match).
	patterns map[string]*regexp.Regexp
	// badVarFiles are var files whose errors were already reported.
	badVarFiles map[string]bool
	// refused holds sources refused before parsing (CheckSource), so
	// that their diagnostics still show the offending line.
	refused map[string]*hcl.File
}

// NewLoader returns a loader with opts.
func NewLoader(opts LoadOptions) *Loader {
	l := &Loader{opts: opts, parser: hclparse.NewParser(), environ: map[string]string{}, reg: opts.Registry, patterns: map[string]*regexp.Regexp{}, badVarFiles: map[string]bool{}, refused: map[string]*hcl.File{}}
	for _, kv := range opts.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			l.environ[k] = v
		}
	}
	if l.reg == nil {
		l.reg = DefaultRegistry()
	}
	sb := opts.Sandbox
	if sb == nil {
		sb = SandboxPlaceholders()
	}
	l.sandbox = cty.ObjectVal(sb)
	return l
}

// Files returns every file read so far (game-day and var files), keyed by
// the name used in diagnostics, for WriteDiagnostics.
func (l *Loader) Files() map[string]*hcl.File {
	files := l.parser.Files()
	for name, f := range l.refused {
		if files[name] == nil {
			files[name] = f
		}
	}
	return files
}

// Registry returns the registry in use.
func (l *Loader) Registry() *Registry { return l.reg }

func topSchema() *hcl.BodySchema {
	return &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "gameday", LabelNames: []string{"name"}},
	}}
}

// LoadFile parses, evaluates and checks one game-day file. It returns every
// problem found, at most MaxDiagnosticsPerFile of them and one that counts
// the rest; the GameDay is nil only when the file could not be read or
// parsed or has no gameday block, and must not be run when diags has
// errors. Only a regular file of at most MaxFileSize bytes is read.
func (l *Loader) LoadFile(path string) (*GameDay, hcl.Diagnostics) {
	src, diags := ReadSource(path, "game-day file")
	if diags != nil {
		return nil, diags
	}
	return l.LoadSource(path, src)
}

// LoadSource is LoadFile for source already in memory (standard input,
// tests); filename names it in diagnostics and its directory is where
// file() reads from.
func (l *Loader) LoadSource(filename string, src []byte) (*GameDay, hcl.Diagnostics) {
	if diags := l.check(filename, src, false); diags != nil {
		return nil, diags
	}
	f, diags := l.parser.ParseHCL(src, filename)
	g, diags := l.load(filename, f, diags)
	sortDiagnostics(diags)
	return g, capDiagnostics(diags)
}

// check applies CheckSource, keeping a refused text source for the
// snippet of its diagnostic (never a binary one: its "lines" are noise).
func (l *Loader) check(filename string, src []byte, json bool) hcl.Diagnostics {
	diags := CheckSource(filename, src, json)
	if diags != nil && len(src) <= MaxFileSize && bytes.IndexByte(src, 0) < 0 {
		l.refused[filename] = &hcl.File{Bytes: src}
	}
	return diags
}

func (l *Loader) load(path string, f *hcl.File, diags hcl.Diagnostics) (*GameDay, hcl.Diagnostics) {
	if diags.HasErrors() || f == nil {
		// Decoding a file with syntax errors only adds confusing
		// follow-on errors.
		return nil, diags
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}

	content, cdiags := f.Body.Content(topSchema())
	diags = append(diags, cdiags...)

	vars := map[string]*Variable{}
	// Variable declarations are decoded with a throwaway decoder: they
	// are static.
	vd := newDecoder(nil, nil)
	for _, b := range content.Blocks.OfType("variable") {
		v := decodeVariable(vd, b)
		if prev, dup := vars[v.Name]; dup {
			vd.Errorf(b.LabelRanges[0], "Duplicate variable name", "A variable named %q is already declared at %s; variable names must be unique.", v.Name, prev.DeclRange)
			continue
		}
		vars[v.Name] = v
	}
	diags = append(diags, vd.diags...)
	diags = append(diags, l.assignVariables(vars)...)

	sensitive := map[string]bool{}
	varVals := map[string]cty.Value{}
	d := newDecoder(&hcl.EvalContext{
		Variables: map[string]cty.Value{},
		Functions: functions(l.environ, dir, l.opts.AllowFileOutside),
	}, sensitive)
	d.dir = dir
	d.patterns = l.patterns
	for name, v := range vars {
		sensitive["var."+name] = v.Sensitive
		if v.Value == cty.NilVal {
			varVals[name] = cty.DynamicVal
			d.poisoned["var."+name] = true
			continue
		}
		varVals[name] = v.Value
	}
	d.ctx.Variables["var"] = cty.ObjectVal(varVals)
	d.varNames = sortedKeys(vars)
	d.sandboxNames = sortedKeys(l.sandbox.AsValueMap())
	d.ctx.Variables["sandbox"] = l.sandbox
	validateVariables(d, vars)
	locals := evalLocals(d, content.Blocks.OfType("locals"))

	var g *GameDay
	gds := content.Blocks.OfType("gameday")
	switch {
	case len(gds) == 0:
		rng := f.Body.MissingItemRange()
		if !cdiags.HasErrors() {
			d.Errorf(rng, "Missing gameday block", "A game-day file needs exactly one gameday \"<name>\" { ... } block.")
		}
	default:
		for _, extra := range gds[1:] {
			d.Errorf(extra.DefRange, "Duplicate gameday block", "A game-day file holds exactly one gameday block; the first one is at %s. Put other game days in their own files.", gds[0].DefRange)
		}
		g = decodeGameDay(d, l.reg, gds[0])
		g.Variables, g.Locals, g.Filename = vars, locals, path
		g.UsesSandbox = d.usesSandbox
		g.SensitiveValues = d.sensitiveValues
	}
	if !d.usesSandbox {
		d.diags = append(d.diags, d.realAWSOnly...)
	}
	diags = append(diags, d.diags...)
	if g != nil && l.opts.Learner != nil {
		l.opts.Learner.Learn(g)
	}
	return g, diags
}

// LoadFiles loads several files and returns the game days that loaded
// without errors plus every diagnostic of every file.
func (l *Loader) LoadFiles(paths []string) ([]*GameDay, hcl.Diagnostics) {
	var out []*GameDay
	var all hcl.Diagnostics
	for _, p := range paths {
		g, diags := l.LoadFile(p)
		all = append(all, diags...)
		if g != nil && !diags.HasErrors() {
			out = append(out, g)
		}
	}
	return out, all
}
