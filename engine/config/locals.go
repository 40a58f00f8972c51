package config

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// evalLocals evaluates every `locals` attribute in dependency order (a
// local may refer to variables, sandbox addresses and other locals) and
// returns their values. Cycles and references to missing locals are
// reported.
func evalLocals(d *Decoder, blocks hcl.Blocks) map[string]cty.Value {
	attrs := map[string]*hcl.Attribute{}
	for _, blk := range blocks {
		as, diags := blk.Body.JustAttributes()
		d.Add(diags...)
		for name, attr := range as {
			if prev, dup := attrs[name]; dup {
				d.Errorf(attr.NameRange, "Duplicate local value", "A local value named %q was already defined at %s; local names must be unique.", name, prev.NameRange)
				continue
			}
			attrs[name] = attr
		}
	}
	values := map[string]cty.Value{}
	pending := sortedKeys(attrs)
	d.localNames = append([]string{}, pending...)
	for len(pending) > 0 {
		var next []string
		for _, name := range pending {
			if ready(attrs[name], attrs, values) {
				d.ctx.Variables["local"] = cty.ObjectVal(values)
				v, ok := d.evalRaw(attrs[name].Expr)
				if d.refsSensitive(attrs[name].Expr) {
					// A value computed from a secret is a secret.
					d.sensitive["local."+name] = true
				}
				if !ok {
					v = cty.DynamicVal
					d.poisoned["local."+name] = true
				}
				values[name] = v
				continue
			}
			next = append(next, name)
		}
		if len(next) == len(pending) {
			for _, name := range next {
				d.Errorf(attrs[name].Expr.Range(), "Circular reference in locals", "The local value %q depends on itself through other local values, so it cannot be computed.", name)
				values[name] = cty.DynamicVal
				d.poisoned["local."+name] = true
			}
			break
		}
		pending = next
	}
	d.ctx.Variables["local"] = cty.ObjectVal(values)
	return values
}

// ready reports whether every local that attr refers to has a value (or
// does not exist, which evaluation will report).
func ready(attr *hcl.Attribute, attrs map[string]*hcl.Attribute, values map[string]cty.Value) bool {
	for _, tr := range attr.Expr.Variables() {
		if tr.RootName() != "local" {
			continue
		}
		name := varName(tr)
		if _, declared := attrs[name]; !declared {
			continue
		}
		if _, done := values[name]; !done {
			return false
		}
	}
	return true
}
