package config

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Args gives typed access to the arguments of one decoded body. Every
// accessor reports conversion problems through the Decoder and returns the
// zero value (or the given default) so decoding can continue and find the
// next problem.
type Args struct {
	d       *Decoder
	content *hcl.BodyContent
	body    hcl.Body
	values  map[string]cty.Value // evaluated once, so a bad value is reported once
	done    map[string]bool
	// reported deduplicates errors when a value is read more than once
	// (a kind re-reading a common argument).
	reported map[string]bool
	// bad lists arguments with a reported problem: Has treats them as
	// unset so that range checks do not pile a second error on a type
	// error.
	bad map[string]bool
}

func newArgs(d *Decoder, content *hcl.BodyContent, body hcl.Body) *Args {
	return &Args{d: d, content: content, body: body, values: map[string]cty.Value{}, done: map[string]bool{}, reported: map[string]bool{}, bad: map[string]bool{}}
}

// Decoder returns the decoder these arguments report to.
func (a *Args) Decoder() *Decoder { return a.d }

// Attr returns the attribute called name, or nil.
func (a *Args) Attr(name string) *hcl.Attribute { return a.content.Attributes[name] }

// value evaluates name once; ok is false when it is absent, null or invalid.
func (a *Args) value(name string) (cty.Value, bool) {
	attr := a.Attr(name)
	if attr == nil {
		return cty.NilVal, false
	}
	if !a.done[name] {
		a.done[name] = true
		if v, ok := a.d.Eval(attr.Expr); ok {
			a.values[name] = v
		}
	}
	v, ok := a.values[name]
	return v, ok
}

// Has reports whether name is set to a non-null value that has not been
// found wrong already.
func (a *Args) Has(name string) bool {
	_, ok := a.value(name)
	return ok && !a.bad[name]
}

// Present reports whether name is written in the file, whatever its value.
// Mutual-exclusion checks use it so that an invalid value of a conflicting
// argument still counts as a conflict.
func (a *Args) Present(name string) bool { return a.Attr(name) != nil }

// Range returns the range of the whole "name = value" attribute, or the
// body's missing-item range when it is absent.
func (a *Args) Range(name string) hcl.Range {
	if attr := a.Attr(name); attr != nil {
		return attr.Range
	}
	return a.body.MissingItemRange()
}

// ExprRange returns the range of the value of name (where a wrong value
// should be underlined), or the missing-item range.
func (a *Args) ExprRange(name string) hcl.Range {
	if attr := a.Attr(name); attr != nil {
		return attr.Expr.Range()
	}
	return a.body.MissingItemRange()
}

// Ranges returns the ranges of every attribute present, keyed by name, so
// that run-time errors can point at the argument that caused them.
func (a *Args) Ranges() map[string]hcl.Range {
	out := make(map[string]hcl.Range, len(a.content.Attributes))
	for name, attr := range a.content.Attributes {
		out[name] = attr.Range
	}
	return out
}

// Errorf reports an error at the value of name.
func (a *Args) Errorf(name, summary, format string, args ...any) {
	a.bad[name] = true
	key := name + "\x00" + summary
	if a.reported[key] {
		return
	}
	a.reported[key] = true
	a.d.Errorf(a.ExprRange(name), summary, format, args...)
}

func (a *Args) convert(name string, ty cty.Type, what string) (cty.Value, bool) {
	v, ok := a.value(name)
	if !ok {
		return cty.NilVal, false
	}
	cv, err := convert.Convert(v, ty)
	if err != nil {
		a.Errorf(name, "Incorrect attribute value type", "Inappropriate value for argument %q: %s is required.", name, what)
		return cty.NilVal, false
	}
	return cv, true
}

// String returns a string argument, or "" when unset.
func (a *Args) String(name string) string {
	v, ok := a.convert(name, cty.String, "a string")
	if !ok {
		return ""
	}
	return v.AsString()
}

// Bool returns a bool argument or def.
func (a *Args) Bool(name string, def bool) bool {
	v, ok := a.convert(name, cty.Bool, "a bool")
	if !ok {
		return def
	}
	return v.True()
}

// Float returns a number argument or def.
func (a *Args) Float(name string, def float64) float64 {
	v, ok := a.convert(name, cty.Number, "a number")
	if !ok {
		return def
	}
	f, _ := v.AsBigFloat().Float64()
	return f
}

// Int returns a whole-number argument or def.
func (a *Args) Int(name string, def int) int {
	v, ok := a.convert(name, cty.Number, "a whole number")
	if !ok {
		return def
	}
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		a.Errorf(name, "Incorrect attribute value type", "Inappropriate value for argument %q: a whole number is required.", name)
		return def
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i > math.MaxInt32 || i < math.MinInt32 {
		a.Errorf(name, "Number out of range", "The value of %q is too large to be used here.", name)
		return def
	}
	return int(i)
}

// Int64 returns a whole number of any size that fits in 64 bits, or def.
func (a *Args) Int64(name string, def int64) int64 {
	v, ok := a.convert(name, cty.Number, "a whole number")
	if !ok {
		return def
	}
	bf := v.AsBigFloat()
	i, acc := bf.Int64()
	if !bf.IsInt() || acc != big.Exact {
		a.Errorf(name, "Incorrect attribute value type", "Inappropriate value for argument %q: a whole number that fits in 64 bits is required.", name)
		return def
	}
	return i
}

// Strings returns a list-of-strings argument, or nil when unset.
func (a *Args) Strings(name string) []string {
	v, ok := a.convert(name, cty.List(cty.String), "a list of strings")
	if !ok {
		return nil
	}
	out := make([]string, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			a.Errorf(name, "Invalid list element", "The list %q must not contain null elements.", name)
			return nil
		}
		out = append(out, e.AsString())
	}
	return out
}

// Ints returns a list-of-whole-numbers argument, or nil when unset.
func (a *Args) Ints(name string) []int {
	v, ok := a.convert(name, cty.List(cty.Number), "a list of whole numbers")
	if !ok {
		return nil
	}
	out := make([]int, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || !e.AsBigFloat().IsInt() {
			a.Errorf(name, "Incorrect attribute value type", "Inappropriate value for argument %q: a list of whole numbers is required.", name)
			return nil
		}
		i, _ := e.AsBigFloat().Int64()
		out = append(out, int(i))
	}
	return out
}

// StringMap returns a map-of-strings argument, or nil when unset.
func (a *Args) StringMap(name string) map[string]string {
	v, ok := a.convert(name, cty.Map(cty.String), "a map of strings")
	if !ok {
		return nil
	}
	out := make(map[string]string, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if e.IsNull() {
			a.Errorf(name, "Invalid map element", "The map %q must not contain null values (key %q).", name, k.AsString())
			return nil
		}
		out[k.AsString()] = e.AsString()
	}
	return out
}

// Value returns the raw value of name (cty.NilVal when unset).
func (a *Args) Value(name string) cty.Value {
	v, _ := a.value(name)
	return v
}

// Duration returns a duration argument ("500ms", "2m", "1h30m") or def.
// Negative durations are rejected; callers check their own bounds.
func (a *Args) Duration(name string, def time.Duration) time.Duration {
	s := a.String(name)
	if s == "" {
		if a.Has(name) {
			a.Errorf(name, "Invalid duration", "The argument %q must be a duration such as \"500ms\", \"30s\", \"2m\" or \"1h30m\", not an empty string.", name)
		}
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		a.Errorf(name, "Invalid duration", "The argument %q must be a duration such as \"500ms\", \"30s\", \"2m\" or \"1h30m\"; %q is not one (units are ns, us, ms, s, m and h).", name, s)
		return def
	}
	if d < 0 {
		a.Errorf(name, "Invalid duration", "The argument %q must not be negative; %q was given.", name, s)
		return def
	}
	return d
}

// PositiveDuration is Duration that also refuses zero, for intervals and
// timeouts where zero would mean "spin".
func (a *Args) PositiveDuration(name string, def time.Duration) time.Duration {
	d := a.Duration(name, def)
	if a.Has(name) && d == 0 {
		a.Errorf(name, "Invalid duration", "The argument %q must be greater than zero.", name)
		return def
	}
	return d
}

// Enum returns a string argument that must be one of allowed, or def when
// unset.
func (a *Args) Enum(name, def string, allowed ...string) string {
	if !a.Has(name) {
		return def
	}
	s := a.String(name)
	for _, v := range allowed {
		if s == v {
			return s
		}
	}
	if a.Has(name) { // false after a type error, already reported
		a.Errorf(name, "Unsupported value", "%q is not a valid value for %q; use one of %s.%s", s, name, QuoteList(allowed), DidYouMean(s, allowed))
	}
	return def
}

// Ratio returns a number in [0, 1] or def.
func (a *Args) Ratio(name string, def float64) float64 {
	f := a.Float(name, def)
	if a.Has(name) && (f < 0 || f > 1) {
		a.Errorf(name, "Value out of range", "The argument %q is a fraction and must be between 0 and 1; %g was given.", name, f)
		return def
	}
	return f
}

// Exclusive reports an error when more than one of names is present and
// returns the names that are.
func (a *Args) Exclusive(names ...string) []string {
	var set []string
	for _, n := range names {
		if a.Present(n) {
			set = append(set, n)
		}
	}
	if len(set) > 1 {
		a.d.Errorf(a.Range(set[1]), "Conflicting arguments", "The arguments %s cannot be used together; set only one of %s.", quoteJoin(set, "and"), QuoteList(names))
	}
	return set
}

// Blocks returns the nested blocks of type typ.
func (a *Args) Blocks(typ string) hcl.Blocks {
	return a.content.Blocks.OfType(typ)
}

// Block returns the single nested block of type typ, or nil, reporting any
// repetition.
func (a *Args) Block(typ string) *hcl.Block {
	bs := a.Blocks(typ)
	if len(bs) == 0 {
		return nil
	}
	for _, b := range bs[1:] {
		a.d.Errorf(b.DefRange, fmt.Sprintf("Duplicate %s block", typ), "Only one %q block is allowed here; the first one is at %s.", typ, bs[0].DefRange)
	}
	return bs[0]
}

// QuoteList renders names as "a", "b" or "c".
func QuoteList(names []string) string { return quoteJoin(names, "or") }

// quoteJoin renders names quoted, the last two joined by conj.
func quoteJoin(names []string, conj string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}

// sortedKeys returns the keys of m in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
