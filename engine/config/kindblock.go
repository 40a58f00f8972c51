package config

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// kindBlock is the result of the generic two-pass decode of a labelled
// block: first the arguments common to its class, then the rest of the body
// against the schema its kind registered.
type kindBlock struct {
	Kind, Name string
	Common     *Args
	Spec       any      // nil when the kind is unknown or failed to decode
	Rest       hcl.Body // the body minus the common arguments
	DeclRange  hcl.Range
}

// decodeKindBlock decodes block (labels: kind, name) of class c.
func decodeKindBlock(d *Decoder, reg *Registry, c Class, block *hcl.Block, common *hcl.BodySchema) *kindBlock {
	kb := &kindBlock{Kind: block.Labels[0], Name: block.Labels[1], DeclRange: block.DefRange}
	checkName(d, block.Labels[1], block.LabelRanges[1], string(c))
	args, rest := d.PartialContent(block.Body, common)
	kb.Common, kb.Rest = args, rest
	kind, ok := reg.Lookup(c, kb.Kind)
	if !ok {
		names := reg.Names(c)
		d.Errorf(block.LabelRanges[0], fmt.Sprintf("Unknown %s kind", classNoun(c)),
			"There is no %s kind %q; the supported kinds are %s.%s", classNoun(c), kb.Kind, quoteJoin(names, "and"), DidYouMean(kb.Kind, names))
		return kb
	}
	kargs := d.Content(rest, withCommon(kind.Schema, common))
	kb.Spec = kind.Decode(KindBody{Args: kargs, Common: args, DeclRange: block.DefRange})
	return kb
}

// classNoun names a class in messages ("stop condition", not "stop_when").
func classNoun(c Class) string {
	if c == ClassStop {
		return "stop condition"
	}
	return string(c)
}

// checkName insists that names can be written in references such as
// probe.http.NAME and in report file names.
func checkName(d *Decoder, name string, rng hcl.Range, what string) {
	if !hclsyntax.ValidIdentifier(name) {
		d.Errorf(rng, "Invalid name", "The %s name %q is not valid: a name starts with a letter or underscore and contains only letters, digits, underscores and dashes.", what, name)
	}
}

// Ref is a reference such as probe.http.checkout, kept unevaluated because
// it names a block, not a value.
type Ref struct {
	Class Class
	Kind  string
	Name  string
	Range hcl.Range
}

// String renders the reference as written.
func (r Ref) String() string { return fmt.Sprintf("%s.%s.%s", r.Class, r.Kind, r.Name) }

// Ref reads name as a reference to a block of class c (CLASS.KIND.NAME).
// It returns nil when the argument is absent or malformed.
func (a *Args) Ref(name string, c Class) *Ref {
	attr := a.Attr(name)
	if attr == nil {
		return nil
	}
	tr, diags := hcl.AbsTraversalForExpr(attr.Expr)
	want := fmt.Sprintf("%s.<kind>.<name>", c)
	if diags.HasErrors() || len(tr) != 3 {
		a.Errorf(name, "Invalid reference", "The argument %q must be a reference of the form %s, written without quotes.", name, want)
		return nil
	}
	parts := make([]string, 0, 3)
	parts = append(parts, tr.RootName())
	for _, step := range tr[1:] {
		at, ok := step.(hcl.TraverseAttr)
		if !ok {
			a.Errorf(name, "Invalid reference", "The argument %q must be a reference of the form %s, written without quotes.", name, want)
			return nil
		}
		parts = append(parts, at.Name)
	}
	if parts[0] != string(c) {
		a.Errorf(name, "Invalid reference", "The argument %q must refer to a %s (%s), not to %q.", name, classNoun(c), want, parts[0])
		return nil
	}
	return &Ref{Class: c, Kind: parts[1], Name: parts[2], Range: attr.Expr.Range()}
}
