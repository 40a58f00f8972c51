package config

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Decoder evaluates the arguments of one game-day file and collects every
// problem it finds instead of stopping at the first, so a user fixing a file
// sees all of its mistakes at once. Kinds registered in a Registry receive a
// Decoder and report through it.
type Decoder struct {
	ctx         *hcl.EvalContext
	diags       hcl.Diagnostics
	sensitive   map[string]bool // "var.x" and "local.x" holding secrets
	usesSandbox bool
	dir         string
	// poisoned lists "var.x" and "local.x" whose value could not be
	// computed (already reported): expressions using them evaluate to
	// unknown and are not reported a second time.
	poisoned map[string]bool
	// realAWSOnly holds warnings that only matter against real AWS; they
	// are dropped when the file turns out to target the sandbox.
	realAWSOnly hcl.Diagnostics
	// names declared in the file (nil: not checked), so that a reference
	// to a missing one gets a precise message and a suggestion.
	varNames, localNames, sandboxNames []string
	// patterns caches compiled regular expressions across the files of
	// one Loader: compiling them per value was a third of load time.
	patterns map[string]*regexp.Regexp
	// sensitiveValues are the values computed from sensitive variables
	// or locals (see GameDay.SensitiveValues).
	sensitiveValues []cty.Value
}

func newDecoder(ctx *hcl.EvalContext, sensitive map[string]bool) *Decoder {
	return &Decoder{ctx: ctx, sensitive: sensitive, poisoned: map[string]bool{}, patterns: map[string]*regexp.Regexp{}}
}

// Diagnostics returns everything reported so far.
func (d *Decoder) Diagnostics() hcl.Diagnostics { return d.diags }

// Add appends diagnostics produced elsewhere.
func (d *Decoder) Add(diags ...*hcl.Diagnostic) { d.diags = append(d.diags, diags...) }

// Errorf reports an error about subject. Summary must be short and stable
// (tests and users match on it); the detail is a full sentence.
func (d *Decoder) Errorf(subject hcl.Range, summary, format string, args ...any) {
	d.report(hcl.DiagError, subject, summary, format, args...)
}

// Warnf reports a warning about subject.
func (d *Decoder) Warnf(subject hcl.Range, summary, format string, args ...any) {
	d.report(hcl.DiagWarning, subject, summary, format, args...)
}

func (d *Decoder) report(sev hcl.DiagnosticSeverity, subject hcl.Range, summary, format string, args ...any) {
	s := subject
	d.diags = append(d.diags, &hcl.Diagnostic{
		Severity: sev,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  &s,
	})
}

// Eval evaluates expr in the file's context. ok is false when evaluation
// failed (the problem is already reported) or the value is null, which
// counts as "not set" as in Terraform.
func (d *Decoder) Eval(expr hcl.Expression) (cty.Value, bool) {
	val, ok := d.evalRaw(expr)
	if !ok || val.IsNull() {
		return cty.NilVal, false
	}
	return val, true
}

// evalRaw is Eval keeping null values; ok is false only on failure.
func (d *Decoder) evalRaw(expr hcl.Expression) (cty.Value, bool) {
	refsPoisoned := false
	if !d.checkRefs(expr) {
		return cty.NilVal, false
	}
	for _, tr := range expr.Variables() {
		if d.poisoned[tr.RootName()+"."+varName(tr)] {
			refsPoisoned = true
		}
		if tr.RootName() == "sandbox" {
			d.usesSandbox = true
		}
	}
	val, diags := expr.Value(d.ctx)
	sensitive := d.refsSensitive(expr)
	if sensitive {
		d.redact(expr, diags)
	}
	d.diags = append(d.diags, diags...)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	if !val.IsWhollyKnown() {
		if refsPoisoned {
			return cty.NilVal, false
		}
		d.Errorf(expr.Range(), "Value not known", "This value cannot be determined while the game-day file is loaded; only variables, locals, sandbox addresses and functions of them are allowed.")
		return cty.NilVal, false
	}
	if sensitive {
		d.sensitiveValues = append(d.sensitiveValues, val)
	}
	return val, true
}

// WarnRealAWS reports a warning that only applies when the file runs
// against real AWS (a limit the built-in sandbox does not have).
func (d *Decoder) WarnRealAWS(subject hcl.Range, summary, format string, args ...any) {
	s := subject
	d.realAWSOnly = append(d.realAWSOnly, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: &s})
}

// Match reports whether s matches the regular expression pattern, which
// is compiled once per Loader. The pattern must be a valid constant.
func (d *Decoder) Match(pattern, s string) bool {
	return d.regexp(pattern).MatchString(s)
}

func (d *Decoder) regexp(pattern string) *regexp.Regexp {
	re, ok := d.patterns[pattern]
	if !ok {
		re = regexp.MustCompile(pattern)
		d.patterns[pattern] = re
	}
	return re
}

// Dir returns the directory of the file being decoded; relative paths in
// arguments are resolved against it.
func (d *Decoder) Dir() string { return d.dir }

// resolvePath makes p relative to the file's directory ("" stays "").
func (d *Decoder) resolvePath(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(d.dir, p)
}

// redact keeps sensitive variable values out of diags: the text writer
// prints the values of referenced variables next to a diagnostic, and
// function errors quote their arguments; neither may reach a terminal or a
// CI log.
func (d *Decoder) redact(expr hcl.Expression, diags hcl.Diagnostics) {
	var secrets []string
	for _, tr := range expr.Variables() {
		name := varName(tr)
		obj := d.ctx.Variables[tr.RootName()]
		if !d.sensitive[tr.RootName()+"."+name] || obj == cty.NilVal || !obj.Type().IsObjectType() || !obj.Type().HasAttribute(name) {
			continue
		}
		v := obj.GetAttr(name)
		if v.IsKnown() && !v.IsNull() && v.Type() == cty.String && v.AsString() != "" {
			secrets = append(secrets, v.AsString())
		}
	}
	for _, diag := range diags {
		diag.Expression, diag.EvalContext = nil, nil
		for _, s := range secrets {
			diag.Summary = strings.ReplaceAll(diag.Summary, s, Redacted)
			diag.Detail = strings.ReplaceAll(diag.Detail, s, Redacted)
		}
	}
}

// refsSensitive reports whether expr refers to a sensitive variable, or to
// a local computed from one.
func (d *Decoder) refsSensitive(expr hcl.Expression) bool {
	for _, tr := range expr.Variables() {
		if d.sensitive[tr.RootName()+"."+varName(tr)] {
			return true
		}
	}
	return false
}

// checkRefs reports references to undeclared variables, locals and sandbox
// addresses; it returns false when there was any.
func (d *Decoder) checkRefs(expr hcl.Expression) bool {
	ok := true
	for _, tr := range expr.Variables() {
		var names []string
		var summary, what string
		switch tr.RootName() {
		case "var":
			names, summary, what = d.varNames, "Reference to undeclared variable", "variable"
		case "local":
			names, summary, what = d.localNames, "Reference to undeclared local value", "local value"
		case "sandbox":
			names, summary, what = d.sandboxNames, "Unknown sandbox address", "sandbox address"
		default:
			continue
		}
		if names == nil {
			continue
		}
		name := varName(tr)
		if name == "" || slices.Contains(names, name) {
			continue
		}
		ok = false
		hint := DidYouMean(name, names)
		if hint != "" {
			hint = strings.Replace(hint, `"`, `"`+tr.RootName()+".", 1)
		}
		d.Errorf(tr.SourceRange(), summary, "There is no %s named %q.%s", what, name, hint)
	}
	return ok
}

// varName returns the variable name of a "var.NAME" traversal.
func varName(tr hcl.Traversal) string {
	if len(tr) < 2 {
		return ""
	}
	if a, ok := tr[1].(hcl.TraverseAttr); ok {
		return a.Name
	}
	return ""
}

// Content decodes body against schema, reporting unknown and missing
// arguments and blocks, and returns accessors for the arguments.
func (d *Decoder) Content(body hcl.Body, schema *hcl.BodySchema) *Args {
	content, diags := body.Content(schema)
	d.diags = append(d.diags, diags...)
	return newArgs(d, content, body)
}

// PartialContent is Content for the first pass of a kind block: it decodes
// the arguments common to every kind and returns the rest of the body for
// the kind's own schema.
func (d *Decoder) PartialContent(body hcl.Body, schema *hcl.BodySchema) (*Args, hcl.Body) {
	content, rest, diags := body.PartialContent(schema)
	d.diags = append(d.diags, diags...)
	return newArgs(d, content, body), rest
}
