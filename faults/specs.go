package faults

import (
	"fmt"

	"github.com/gameday-dev/gameday/engine/config"
)

// The kinds accept the HCL loader's typed structs (what FaultKind.New gets
// in a run) and their own spec types (by value or pointer, for tests and
// programmatic use). The loader's structs are adapted here so that the
// fault logic does not depend on the loader's shape.

func ec2KillSpecOf(spec any) (EC2KillSpec, error) {
	switch s := spec.(type) {
	case *config.EC2Kill:
		if s == nil {
			break
		}
		out := EC2KillSpec{
			Action: s.Action, InstanceIDs: s.Select.IDs, Tags: s.Select.Tags, ASG: s.Select.ASG, AZ: s.Select.AZ,
			Amount:    Amount{Count: s.Select.Count, Percent: float64(s.Select.Percent), All: s.Select.All},
			BatchSize: s.BatchSize, Force: s.Force, MaxTargets: s.MaxTargets, AllowEmpty: s.AllowEmpty,
		}
		if len(s.Select.IDs) > 0 && out.Amount == (Amount{}) {
			// Explicit ids are the whole selection.
			out.Amount.All = true
		}
		if s.Seed != nil {
			out.Seed = *s.Seed
		}
		return out, nil
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
	case *config.NATRouteRemoval:
		if s == nil {
			break
		}
		return NATRouteSpec{NATGatewayIDs: s.NATGatewayIDs, AZ: s.AZ, SubnetIDs: s.SubnetIDs,
			RouteTableIDs: s.RouteTableIDs, OnNATGone: s.OnMissingNAT}, nil
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
	case *config.Route53HealthFlip:
		if s == nil {
			break
		}
		return R53FlipSpec{HealthCheckID: s.HealthCheckID}, nil
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
	case *config.FISAZBlackout:
		if s == nil {
			break
		}
		return FISAZSpec{AZ: s.AZ, Actions: s.Actions, TargetTags: s.TargetTags, RoleARN: s.RoleARN,
			TemplateID: s.TemplateID, IgnoreStopAlarms: !s.MirrorStopAlarms}, nil
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
