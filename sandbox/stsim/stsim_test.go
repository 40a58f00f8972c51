package stsim

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
)

var _ awsapi.STS = (*Service)(nil)

func TestDefaultsAndOverride(t *testing.T) {
	out, err := New(Options{}).GetCallerIdentity(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *out.Account != DefaultAccount || *out.Arn != DefaultARN || *out.UserId != DefaultUserID {
		t.Fatalf("default identity = %s %s %s", *out.Account, *out.Arn, *out.UserId)
	}
	out, err = New(Options{Account: "999999999999", ARN: "arn:aws:iam::999999999999:role/x"}).GetCallerIdentity(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *out.Account != "999999999999" || *out.Arn != "arn:aws:iam::999999999999:role/x" {
		t.Fatalf("override ignored: %s %s", *out.Account, *out.Arn)
	}
}

func TestGateThrottles(t *testing.T) {
	g := apisim.NewGate(7)
	g.SetKnobs(apisim.Knobs{ThrottleRate: 1})
	_, err := New(Options{Gate: g}).GetCallerIdentity(context.Background(), nil)
	if !awsapi.IsCode(err, "Throttling") {
		t.Fatalf("want Throttling, got %v", err)
	}
	if c := g.Calls(); len(c) != 1 || c[0].Action != "sts:GetCallerIdentity" {
		t.Fatalf("calls = %+v", c)
	}
}
