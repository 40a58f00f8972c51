package config

// The real fault kinds live in faults/<kind> and import this package, so the
// loader's own tests register a stand-in: a fault kind with no arguments,
// enough for game days whose faults are not what is tested.
func testRegistry() *Registry {
	r := DefaultRegistry()
	r.MustRegister(ClassFault, Kind{Name: "test_fault", Schema: Schema(nil), Decode: func(KindBody) any { return &struct{}{} }})
	return r
}
