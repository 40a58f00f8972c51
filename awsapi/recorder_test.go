package awsapi

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func TestRecorderCountsWhatMayHaveChangedSomething(t *testing.T) {
	for _, tc := range []struct {
		name    string
		emu     bool
		mutated []string
	}{
		// A failed mutation may have run; a DryRun only counts where DryRun
		// is no safety net.
		{"trusted", false, []string{"ec2:TerminateInstances -> RequestLimitExceeded", "ec2:DeleteRoute"}},
		{"emulator", true, []string{"ec2:DeleteRoute (DryRun) -> DryRunOperation", "ec2:TerminateInstances -> RequestLimitExceeded", "ec2:DeleteRoute"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, e := fakeClients(apiErr("DryRunOperation"))
			c.Emulator = tc.emu
			rc, rec := NewRecorder(c)
			rc.EC2.DescribeInstances(bg, &ec2.DescribeInstancesInput{})
			deleteRoute(rc, true)
			e.err = apiErr("RequestLimitExceeded")
			rc.EC2.TerminateInstances(bg, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}})
			e.err = nil
			deleteRoute(rc, false)

			if n := len(rec.Calls()); n != 4 {
				t.Fatalf("%d calls recorded, want 4: %v", n, rec.Calls())
			}
			got := rec.Mutations()
			if len(got) != len(tc.mutated) {
				t.Fatalf("mutations %v, want %v", got, tc.mutated)
			}
			for i := range got {
				if got[i].String() != tc.mutated[i] {
					t.Errorf("mutation %d = %q, want %q", i, got[i], tc.mutated[i])
				}
			}
			rec.Reset()
			if len(rec.Calls()) != 0 {
				t.Error("Reset kept calls")
			}
		})
	}
}

// Inside a gate the recorder sees nothing the gate refused; outside, it
// records the refusals as such and does not count them.
func TestRecorderAndGate(t *testing.T) {
	c, s, _ := fakeClients(apiErr("DryRunOperation"))
	rc, inner := NewRecorder(c)
	gated, _ := NewGate(rc)
	outerClients, outer := NewRecorder(gated)

	_, err := outerClients.EC2.TerminateInstances(bg, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}, DryRun: aws.Bool(false)})
	var mr *MutationRefusedError
	if !errors.As(err, &mr) {
		t.Fatalf("closed gate: %v", err)
	}
	if len(inner.Calls()) != 0 || len(s.ops) != 0 {
		t.Errorf("the refused call went past the gate: %v %v", inner.Calls(), s.ops)
	}
	calls := outer.Calls()
	if len(calls) != 1 || !calls[0].Refused || len(outer.Mutations()) != 0 {
		t.Errorf("outer recorder: calls %v, mutations %v", calls, outer.Mutations())
	}
}
