package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Class is the family of labelled blocks whose first label names a kind.
type Class string

// The block families whose kinds come from a Registry.
const (
	ClassProbe  Class = "probe"
	ClassCanary Class = "canary"
	ClassFault  Class = "fault"
	ClassStop   Class = "stop_when"
)

// Kind describes one kind of a Class: the schema of its own arguments and
// how to decode them into its typed Go struct.
type Kind struct {
	// Name is the block label, e.g. "ec2_kill".
	Name string
	// Schema lists the kind's own arguments and nested blocks; the
	// arguments common to the class are decoded before and must not be
	// repeated here.
	Schema *hcl.BodySchema
	// Decode turns the kind's arguments into its typed struct (returned as
	// the block's Spec). It reports problems through b.Args.Decoder().
	Decode func(b KindBody) any
	// Check, when set, applies the kind's rules that relate one of its
	// blocks to the rest of the game day (the guard's max_targets, the
	// region of an Availability Zone); it runs after the whole file is
	// decoded. Only fault kinds have it today.
	Check func(c KindCheck)
}

// KindCheck is what a Kind's Check receives.
type KindCheck struct {
	Spec    any
	D       *Decoder
	GameDay *GameDay
	Fault   *Fault
	// Alarms counts the alarms of the game day's cloudwatch_alarm stop
	// conditions.
	Alarms int
}

// KindBody is what a Kind's Decode receives.
type KindBody struct {
	// Args are the kind's own arguments (Kind.Schema).
	Args *Args
	// Common are the arguments shared by the class (e.g. a fault's
	// duration), already decoded by the generic block; kinds read them to
	// apply kind-specific rules ("nat_route_removal needs a duration").
	Common *Args
	// DeclRange is the block header, for errors about the whole block.
	DeclRange hcl.Range
}

// Registry holds the kinds the loader accepts. It is an explicit value,
// built by DefaultRegistry or by hand, so tests and later features can add
// kinds without touching the parser and without package state.
type Registry struct {
	kinds map[Class]map[string]*Kind
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{kinds: map[Class]map[string]*Kind{}}
}

// Register adds k to class c. Registering a name twice is an error, so two
// features cannot silently replace each other's kind.
func (r *Registry) Register(c Class, k Kind) error {
	if k.Name == "" || k.Decode == nil || k.Schema == nil {
		return fmt.Errorf("not registering %s kind %q: name, schema and decode function are all required", c, k.Name)
	}
	m := r.kinds[c]
	if m == nil {
		m = map[string]*Kind{}
		r.kinds[c] = m
	}
	if _, dup := m[k.Name]; dup {
		return fmt.Errorf("not registering %s kind %q: it is already registered", c, k.Name)
	}
	m[k.Name] = &k
	return nil
}

// MustRegister is Register for the fixed kinds built into DefaultRegistry,
// where a duplicate is a programming error.
func (r *Registry) MustRegister(c Class, k Kind) {
	if err := r.Register(c, k); err != nil {
		panic(err)
	}
}

// Lookup returns the kind called name in class c.
func (r *Registry) Lookup(c Class, name string) (*Kind, bool) {
	k, ok := r.kinds[c][name]
	return k, ok
}

// Names returns the kinds of class c in sorted order.
func (r *Registry) Names(c Class) []string {
	out := make([]string, 0, len(r.kinds[c]))
	for n := range r.kinds[c] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// DefaultRegistry returns a registry with the stop condition, probe and
// canary kinds. Fault kinds live in their own packages (faults/<kind>) and
// are added by the fault catalog (faults/catalog.Registry), which is what
// commands load game days with: a registry without them refuses every
// fault block as an unknown kind.
func DefaultRegistry() *Registry {
	r := NewRegistry()
	for _, k := range stopKinds() {
		r.MustRegister(ClassStop, k)
	}
	for _, k := range probeKinds() {
		r.MustRegister(ClassProbe, k)
	}
	for _, k := range canaryKinds() {
		r.MustRegister(ClassCanary, k)
	}
	return r
}

// Schema builds a body schema from argument names; a trailing "!" marks an
// argument as required. Blocks are listed separately by type.
func Schema(attrs []string, blocks ...string) *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, a := range attrs {
		req := strings.HasSuffix(a, "!")
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: strings.TrimSuffix(a, "!"), Required: req})
	}
	for _, b := range blocks {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: b})
	}
	return s
}

// withCommon returns kind's schema plus the class's common argument names
// as optional, so that a misspelt common argument is matched against every
// valid name when suggesting a correction. The common arguments themselves
// were consumed by the first pass and are hidden from this one.
func withCommon(kind, common *hcl.BodySchema) *hcl.BodySchema {
	s := &hcl.BodySchema{Blocks: kind.Blocks}
	s.Attributes = append(s.Attributes, kind.Attributes...)
	for _, a := range common.Attributes {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: a.Name})
	}
	return s
}
