package sandbox

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// The sandbox is gameday's own code: its DryRun is trusted, so a closed
// gate lets DryRun calls reach it and nothing else that changes the world.
func TestSandboxClientsBehindAGate(t *testing.T) {
	s := newSandbox(t)
	ctx := context.Background()
	c := s.Clients()
	if !c.Sandbox || c.Emulator || !c.DryRunTrusted() || c.RDS == nil || c.EndpointNote == "" {
		t.Fatalf("sandbox clients: Sandbox %v, Emulator %v, RDS %v, note %q", c.Sandbox, c.Emulator, c.RDS, c.EndpointNote)
	}
	recorded, rec := awsapi.NewRecorder(c)
	gated, gate := awsapi.NewGate(recorded)
	id := s.World().Instances()[0].ID
	primary := s.World().DBPrimary()

	_, err := gated.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}, DryRun: aws.Bool(true)})
	if !awsapi.IsDryRunAllowed(err) {
		t.Errorf("DryRun through a closed gate: %v", err)
	}
	_, err = gated.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}})
	var refused *awsapi.MutationRefusedError
	if !errors.As(err, &refused) {
		t.Errorf("TerminateInstances through a closed gate: %v", err)
	}
	_, err = gated.RDS.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db")})
	if !errors.As(err, &refused) {
		t.Errorf("FailoverDBCluster through a closed gate: %v", err)
	}
	if m := rec.Mutations(); len(m) != 0 || len(gate.Ambiguous()) != 0 || s.World().DBPrimary() != primary {
		t.Fatalf("closed gate: mutations %v, ambiguous %v, primary %s (was %s)", m, gate.Ambiguous(), s.World().DBPrimary(), primary)
	}
	for _, i := range s.World().Instances() {
		if i.ID == id && (i.State == world.StateShuttingDown || i.State == world.StateTerminated) {
			t.Fatalf("instance %s is %s behind a closed gate", id, i.State)
		}
	}

	gate.Open()
	if _, err := gated.RDS.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("sandbox-db")}); err != nil {
		t.Fatal(err)
	}
	if m := rec.Mutations(); len(m) != 1 || m[0].Action() != "rds:FailoverDBCluster" || s.World().DBPrimary() == primary {
		t.Errorf("open gate: mutations %v, primary %s", m, s.World().DBPrimary())
	}
}
