package faults

import "fmt"

// The kinds accept their own spec types (by value or pointer). The HCL
// loader's typed structs are adapted here once they exist, so that the fault
// logic does not depend on the loader's shape.

func ec2KillSpecOf(spec any) (EC2KillSpec, error) {
	switch s := spec.(type) {
	case EC2KillSpec:
		return s, nil
	case *EC2KillSpec:
		if s != nil {
			return *s, nil
		}
	}
	return EC2KillSpec{}, specError(KindEC2Kill, spec)
}

func natRouteSpecOf(spec any) (NATRouteSpec, error) {
	switch s := spec.(type) {
	case NATRouteSpec:
		return s, nil
	case *NATRouteSpec:
		if s != nil {
			return *s, nil
		}
	}
	return NATRouteSpec{}, specError(KindNATRoute, spec)
}

func r53FlipSpecOf(spec any) (R53FlipSpec, error) {
	switch s := spec.(type) {
	case R53FlipSpec:
		return s, nil
	case *R53FlipSpec:
		if s != nil {
			return *s, nil
		}
	}
	return R53FlipSpec{}, specError(KindR53Flip, spec)
}

func fisAZSpecOf(spec any) (FISAZSpec, error) {
	switch s := spec.(type) {
	case FISAZSpec:
		return s, nil
	case *FISAZSpec:
		if s != nil {
			return *s, nil
		}
	}
	return FISAZSpec{}, specError(KindFISAZ, spec)
}

func specError(kind string, spec any) error {
	return fmt.Errorf("not building a %s fault: its configuration has type %T, which this kind does not read", kind, spec)
}
