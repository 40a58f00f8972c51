package awsapi

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
)

var bg = context.Background()

func deleteRoute(c *Clients, dry bool) error {
	_, err := c.EC2.DeleteRoute(bg, &ec2.DeleteRouteInput{RouteTableId: aws.String("rtb-1"),
		DestinationCidrBlock: aws.String("0.0.0.0/0"), DryRun: aws.Bool(dry)})
	return err
}

func TestDryRunTrusted(t *testing.T) {
	for _, tc := range []struct {
		c    Clients
		want bool
	}{
		{Clients{}, true},
		{Clients{Emulator: true}, false},
		{Clients{Sandbox: true}, true},
	} {
		if got := tc.c.DryRunTrusted(); got != tc.want {
			t.Errorf("%+v: DryRunTrusted = %v", tc.c, got)
		}
	}
}

func TestClosedGateRefusesMutationsOfWhatFaultsActOn(t *testing.T) {
	c, s, _ := fakeClients(apiErr("DryRunOperation"))
	g, _ := NewGate(c)

	err := deleteRoute(g, false)
	var mr *MutationRefusedError
	if !errors.As(err, &mr) || !errors.Is(err, ErrGateClosed) || !strings.HasPrefix(err.Error(), "not calling ec2:DeleteRoute: ") {
		t.Errorf("DeleteRoute through a closed gate: %v", err)
	}
	_, err1 := g.Route53.UpdateHealthCheck(bg, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String("hc")})
	_, err2 := g.RDS.FailoverDBCluster(bg, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("db")})
	_, err3 := g.CloudWatch.SetAlarmState(bg, &cloudwatch.SetAlarmStateInput{})
	for _, err := range []error{err1, err2, err3} {
		if !errors.Is(err, ErrGateClosed) {
			t.Errorf("closed gate let a mutation through: %v", err)
		}
	}
	if len(s.ops) != 0 {
		t.Fatalf("refused calls reached the endpoint: %v", s.ops)
	}

	// Reads and gameday's own data pass.
	if _, err := g.EC2.DescribeInstances(bg, &ec2.DescribeInstancesInput{}); err != nil {
		t.Error(err)
	}
	if _, err := g.DynamoDB.PutItem(bg, &dynamodb.PutItemInput{}); err != nil {
		t.Error(err)
	}
	if _, err := g.CloudWatch.PutMetricData(bg, &cloudwatch.PutMetricDataInput{}); err != nil {
		t.Error(err)
	}
	if s.count("ec2:DescribeInstances") != 1 || s.count("dynamodb:PutItem") != 1 || s.count("cloudwatch:PutMetricData") != 1 {
		t.Errorf("reads and own data did not pass: %v", s.ops)
	}
}

func TestOpenGateLetsEverythingThrough(t *testing.T) {
	c, s, _ := fakeClients(nil) // a DryRun that performs: trips the circuit
	c.Emulator = true
	g, gate := NewGate(c)
	gate.Open()
	if err := deleteRoute(g, false); err != nil {
		t.Fatal(err)
	}
	if err := deleteRoute(g, true); err != nil {
		t.Fatal(err)
	}
	if err := deleteRoute(g, true); err != nil {
		t.Fatalf("an open gate refused a DryRun after an ambiguous one: %v", err)
	}
	if s.count("ec2:DeleteRoute") != 3 {
		t.Errorf("%d DeleteRoute calls sent, want 3", s.count("ec2:DeleteRoute"))
	}
	if len(gate.Ambiguous()) != 2 {
		t.Errorf("ambiguous DryRun answers not recorded while open: %v", gate.Ambiguous())
	}
}

func TestClosedGateAndDryRun(t *testing.T) {
	t.Run("trusted endpoint: DryRun passes", func(t *testing.T) {
		c, s, _ := fakeClients(apiErr("DryRunOperation"))
		g, gate := NewGate(c)
		for range 2 {
			if err := deleteRoute(g, true); !IsDryRunAllowed(err) {
				t.Fatalf("DryRun through a closed gate: %v", err)
			}
		}
		if s.count("ec2:DeleteRoute") != 2 || len(gate.Ambiguous()) != 0 {
			t.Errorf("sent %v, ambiguous %v", s.ops, gate.Ambiguous())
		}
	})
	t.Run("emulator: DryRun refused", func(t *testing.T) {
		c, s, _ := fakeClients(apiErr("DryRunOperation"))
		c.Emulator, c.EndpointNote = true, "emulator at http://127.0.0.1:5000 (AWS_ENDPOINT_URL)"
		g, _ := NewGate(c)
		err := deleteRoute(g, true)
		var mr *MutationRefusedError
		if !errors.As(err, &mr) || !mr.Call.DryRun || !strings.Contains(err.Error(), "http://127.0.0.1:5000") {
			t.Errorf("DryRun to an emulator: %v", err)
		}
		if len(s.ops) != 0 {
			t.Errorf("sent %v", s.ops)
		}
	})
	t.Run("sandbox: DryRun passes", func(t *testing.T) {
		c, s, _ := fakeClients(apiErr("DryRunOperation"))
		c.Sandbox = true
		g, _ := NewGate(c)
		if err := deleteRoute(g, true); !IsDryRunAllowed(err) || s.count("ec2:DeleteRoute") != 1 {
			t.Errorf("DryRun to the sandbox: %v, sent %v", err, s.ops)
		}
	})
	t.Run("denied or throttled DryRun does not trip the circuit", func(t *testing.T) {
		for _, code := range []string{"UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "UnauthorizedException", "RequestLimitExceeded"} {
			c, s, _ := fakeClients(apiErr(code))
			g, gate := NewGate(c)
			deleteRoute(g, true)
			deleteRoute(g, true)
			if s.count("ec2:DeleteRoute") != 2 || len(gate.Ambiguous()) != 0 {
				t.Errorf("%s: sent %v, ambiguous %v", code, s.ops, gate.Ambiguous())
			}
		}
	})
}

// An answer other than DryRunOperation, a denial or a transient failure
// means the endpoint may have performed the call: it is recorded and no
// DryRun passes afterwards.
func TestAmbiguousDryRunTripsTheCircuit(t *testing.T) {
	for _, answer := range []error{nil, apiErr("InvalidRoute.NotFound")} {
		c, s, _ := fakeClients(answer)
		g, gate := NewGate(c)
		if err := deleteRoute(g, true); err != answer {
			t.Errorf("first DryRun answered %v, want the endpoint's %v", err, answer)
		}
		want := Call{Service: "ec2", Operation: "DeleteRoute", DryRun: true, Mutating: true}
		if a := gate.Ambiguous(); len(a) != 1 || a[0] != want {
			t.Errorf("answer %v: ambiguous %v", answer, a)
		}
		_, err := g.EC2.TerminateInstances(bg, &ec2.TerminateInstancesInput{InstanceIds: []string{"i-1"}, DryRun: aws.Bool(true)})
		var mr *MutationRefusedError
		if !errors.As(err, &mr) || !strings.Contains(err.Error(), "ec2:DeleteRoute (DryRun)") {
			t.Errorf("answer %v: DryRun after the circuit tripped: %v", answer, err)
		}
		if len(s.ops) != 1 {
			t.Errorf("answer %v: sent %v", answer, s.ops)
		}
	}
}
