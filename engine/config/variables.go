package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Variable is a `variable "<name>"` block with its final value.
type Variable struct {
	Name        string
	Description string
	Type        cty.Type // cty.DynamicPseudoType when not constrained
	Default     cty.Value
	Sensitive   bool
	// Value is the value after defaults, environment, var files and --var
	// options are applied (cty.NilVal when none was found).
	Value       cty.Value
	Validations []*VariableValidation
	DeclRange   hcl.Range
	// badDefault: the default was invalid (reported); do not also report
	// the variable as lacking a value.
	badDefault bool
}

// VariableValidation is a validation block of a variable.
type VariableValidation struct {
	Condition    hcl.Expression
	ErrorMessage hcl.Expression
	DeclRange    hcl.Range
}

// EnvVarPrefix is the prefix of environment variables that set variables.
const EnvVarPrefix = "GAMEDAY_VAR_"

func decodeVariable(d *Decoder, blk *hcl.Block) *Variable {
	v := &Variable{Name: blk.Labels[0], Type: cty.DynamicPseudoType, DeclRange: blk.DefRange}
	checkName(d, v.Name, blk.LabelRanges[0], "variable")
	content, diags := blk.Body.Content(&hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "type"}, {Name: "default"}, {Name: "description"}, {Name: "sensitive"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
	})
	d.Add(diags...)
	if attr, ok := content.Attributes["type"]; ok {
		ty, tdiags := typeexpr.TypeConstraint(attr.Expr)
		d.Add(tdiags...)
		if !tdiags.HasErrors() {
			v.Type = ty
		}
	}
	// Declarations are static: no references, so no evaluation context.
	static := newDecoder(nil, nil)
	a := newArgs(static, content, blk.Body)
	v.Description = a.String("description")
	v.Sensitive = a.Bool("sensitive", false)
	if a.Present("default") {
		if def, ok := a.value("default"); ok {
			cv, err := convert.Convert(def, v.Type)
			if err != nil {
				static.Errorf(a.ExprRange("default"), "Invalid default value for variable", "The default value of variable %q does not match its type %s: %s.", v.Name, typeexpr.TypeString(v.Type), err)
				v.badDefault = true
			} else {
				v.Default = cv
			}
		}
	}
	d.Add(static.diags...)
	for _, vb := range content.Blocks {
		vc, vdiags := vb.Body.Content(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "condition", Required: true}, {Name: "error_message", Required: true}}})
		d.Add(vdiags...)
		if vdiags.HasErrors() {
			continue
		}
		v.Validations = append(v.Validations, &VariableValidation{Condition: vc.Attributes["condition"].Expr, ErrorMessage: vc.Attributes["error_message"].Expr, DeclRange: vb.DefRange})
	}
	return v
}

// varText is where a value given as text comes from: a --var option or an
// environment variable. Diagnostics about it point at file (which is not a
// file: "--var", "env GAMEDAY_VAR_x") and start, the value's first
// character.
type varText struct {
	origin string // for details: "the --var option", "the environment variable X"
	file   string
	start  hcl.Pos
}

func (t varText) at(col, length int) *hcl.Range {
	start := t.start
	start.Column += col
	end := start
	end.Column += length
	return &hcl.Range{Filename: t.file, Start: start, End: end}
}

// rawVarValue turns a value given as text (--var, environment) into a value
// of the variable's type: primitive types take the text as it is, like
// Terraform; collections and objects are parsed as HCL expressions, once
// they are known to nest no deeper than MaxNesting.
func rawVarValue(v *Variable, raw string, from varText) (cty.Value, hcl.Diagnostics) {
	var val cty.Value
	if v.Type.IsPrimitiveType() || v.Type == cty.DynamicPseudoType {
		val = cty.StringVal(raw)
	} else {
		if diags := CheckSource(from.file, []byte(raw), false); diags != nil {
			diags[0].Subject = from.at(0, 0)
			diags[0].Detail = fmt.Sprintf("The value given for variable %q by %s is refused: %s", v.Name, from.origin, diags[0].Detail)
			return cty.NilVal, diags
		}
		expr, diags := hclsyntax.ParseExpression([]byte(raw), from.file, from.start)
		if diags.HasErrors() {
			return cty.NilVal, diags
		}
		var vdiags hcl.Diagnostics
		val, vdiags = expr.Value(nil)
		if vdiags.HasErrors() {
			return cty.NilVal, vdiags
		}
	}
	cv, err := convert.Convert(val, v.Type)
	if err != nil {
		return cty.NilVal, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable",
			Detail:   fmt.Sprintf("The value given for variable %q by %s is not a valid %s: %s.", v.Name, from.origin, typeexpr.TypeString(v.Type), err),
			Subject:  from.at(0, len(raw)),
		}}
	}
	return cv, nil
}

// assignVariables applies, in increasing precedence, defaults, GAMEDAY_VAR_
// environment variables, var files in order and --var options in order.
func (l *Loader) assignVariables(vars map[string]*Variable) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, v := range vars {
		v.Value = v.Default
	}
	for _, name := range sortedKeys(l.environ) {
		vn, ok := strings.CutPrefix(name, EnvVarPrefix)
		if !ok {
			continue
		}
		// Unknown names are ignored: the environment is shared by every
		// file and tool, unlike the command line.
		if v := vars[vn]; v != nil {
			val, vd := rawVarValue(v, l.environ[name], varText{origin: "the environment variable " + name, file: "env " + name, start: hcl.InitialPos})
			diags = append(diags, vd...)
			if !vd.HasErrors() {
				v.Value = val
			}
		}
	}
	for _, path := range l.opts.VarFiles {
		diags = append(diags, l.applyVarFile(vars, path)...)
	}
	for i, kv := range l.opts.Vars {
		// The i-th --var option is "line" i+1 of the pseudo-file "--var".
		opt := varText{origin: "the --var option", file: "--var", start: hcl.Pos{Line: i + 1, Column: 1}}
		name, raw, ok := strings.Cut(kv, "=")
		lead := len(name) - len(strings.TrimLeft(name, " \t"))
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid --var option",
				Detail:  fmt.Sprintf("The option --var %q is not of the form NAME=VALUE.", kv),
				Subject: opt.at(0, len(kv))})
			continue
		}
		v := vars[name]
		if v == nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value for undeclared variable",
				Detail:  fmt.Sprintf("A value was given with --var for %q, but this game-day file declares no such variable.%s", name, DidYouMean(name, sortedKeys(vars))),
				Subject: opt.at(lead, len(name))})
			continue
		}
		opt.start.Column += len(kv) - len(raw)
		val, vd := rawVarValue(v, raw, opt)
		diags = append(diags, vd...)
		if !vd.HasErrors() {
			v.Value = val
		}
	}
	for _, name := range sortedKeys(vars) {
		v := vars[name]
		if v.Value == cty.NilVal && !v.badDefault {
			rng := v.DeclRange
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "No value for required variable",
				Detail:  fmt.Sprintf("The variable %q has no default, so a value must be given with --var, --var-file or the environment variable %s%s.", v.Name, EnvVarPrefix, v.Name),
				Subject: &rng})
		}
	}
	return diags
}

// applyVarFile reads an HCL or JSON (.json) file of name = value lines.
func (l *Loader) applyVarFile(vars map[string]*Variable, path string) hcl.Diagnostics {
	// A broken var file is reported once, not once per game day.
	if l.badVarFiles[path] {
		return sourceDiag(path, hcl.InitialPos, "Invalid var file",
			fmt.Sprintf("The variables of %s could not be read (see the errors reported for it above).", path))
	}
	f, diags := l.parseVarFile(path)
	if diags.HasErrors() {
		l.badVarFiles[path] = true
		return diags
	}
	attrs, adiags := f.Body.JustAttributes()
	diags = append(diags, adiags...)
	for _, name := range sortedKeys(attrs) {
		attr := attrs[name]
		v := vars[name]
		if v == nil {
			// A warning, not an error: one var file is often shared by
			// several game days that each use some of its values.
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Value for undeclared variable",
				Detail:  fmt.Sprintf("The file %s sets %q, but this game-day file declares no such variable; the value is ignored.", path, name),
				Subject: attr.NameRange.Ptr()})
			continue
		}
		val, vd := attr.Expr.Value(nil)
		diags = append(diags, vd...)
		if vd.HasErrors() {
			continue
		}
		cv, err := convert.Convert(val, v.Type)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value for variable",
				Detail:  fmt.Sprintf("The value for variable %q is not a valid %s: %s.", name, typeexpr.TypeString(v.Type), err),
				Subject: attr.Expr.Range().Ptr()})
			continue
		}
		v.Value = cv
	}
	return diags
}

// parseVarFile reads and parses a var file within the limits of
// CheckSource, as JSON when its name ends in .json.
func (l *Loader) parseVarFile(path string) (*hcl.File, hcl.Diagnostics) {
	src, diags := ReadSource(path, "var file")
	if diags != nil {
		return nil, diags
	}
	json := strings.EqualFold(filepath.Ext(path), ".json")
	if diags := l.check(path, src, json); diags != nil {
		return nil, diags
	}
	if json {
		return l.parser.ParseJSON(src, path)
	}
	return l.parser.ParseHCL(src, path)
}

// validateVariables runs each variable's validation blocks with only that
// variable in scope.
func validateVariables(d *Decoder, vars map[string]*Variable) {
	for _, name := range sortedKeys(vars) {
		v := vars[name]
		if v.Value == cty.NilVal {
			continue
		}
		ctx := d.ctx.NewChild()
		ctx.Variables = map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{name: v.Value})}
		for _, val := range v.Validations {
			cond, diags := val.Condition.Value(ctx)
			if diags.HasErrors() {
				d.Add(stripValues(diags, v.Sensitive)...)
				continue
			}
			cond, err := convert.Convert(cond, cty.Bool)
			if err != nil || cond.IsNull() || !cond.IsKnown() {
				d.Errorf(val.Condition.Range(), "Invalid validation condition", "The condition of a validation block must be true or false.")
				continue
			}
			if cond.True() {
				continue
			}
			msg := "The value is not valid."
			if m, mdiags := val.ErrorMessage.Value(ctx); !mdiags.HasErrors() && m.Type() == cty.String && !m.IsNull() && m.IsKnown() {
				msg = m.AsString()
			}
			d.Errorf(v.DeclRange, "Invalid value for variable", "%s (checked by the validation rule at %s.)", msg, val.DeclRange)
		}
	}
}

// stripValues removes the evaluation context from diagnostics about a
// sensitive value so the text writer does not print it.
func stripValues(diags hcl.Diagnostics, sensitive bool) hcl.Diagnostics {
	if sensitive {
		for _, d := range diags {
			d.Expression, d.EvalContext = nil, nil
		}
	}
	return diags
}
