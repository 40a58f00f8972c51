package r53

import (
	"fmt"
	"net"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// The sandbox's fixed Route 53 identities.
const (
	SandboxZoneName         = "sandbox.gameday.test."
	SandboxZoneID           = "ZSANDBOXGAMEDAY00001"
	SandboxRecordName       = "app.sandbox.gameday.test."
	SandboxPrimaryCheckID   = "hc-sandbox-primary"
	SandboxPrimaryAddress   = "127.0.0.1"
	SandboxSecondaryAddress = "127.0.0.2"
	sandboxPrimarySetID     = "primary"
	sandboxSecondarySetID   = "secondary"
	sandboxFailureThreshold = 3
	sandboxHealthPath       = "/health"
)

// SetupSandbox creates the sandbox's zone "sandbox.gameday.test." (id
// SandboxZoneID), the health check "hc-sandbox-primary" (HTTP GET /health
// on the load balancer at lbAddr "127.0.0.1:port", FailureThreshold 3) and
// failover A records for "app.sandbox.gameday.test.": PRIMARY 127.0.0.1
// guarded by that health check, SECONDARY 127.0.0.2 (a static standby,
// without health check, so it always counts healthy).
func (s *Service) SetupSandbox(lbAddr string) error {
	host, port, err := net.SplitHostPort(lbAddr)
	if err != nil {
		return fmt.Errorf("not setting up the sandbox zone: load balancer address %q: %w", lbAddr, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return fmt.Errorf("not setting up the sandbox zone: load balancer port %q: %w", port, err)
	}
	if _, err := s.CreateHealthCheck(HealthCheckSpec{ID: SandboxPrimaryCheckID, CallerReference: "sandbox-primary",
		Config: types.HealthCheckConfig{Type: types.HealthCheckTypeHttp, IPAddress: aws.String(host), Port: aws.Int32(int32(p)),
			ResourcePath: aws.String(sandboxHealthPath), FailureThreshold: aws.Int32(sandboxFailureThreshold), RequestInterval: aws.Int32(10)},
		Tags: map[string]string{"Name": "sandbox-primary", "Environment": "sandbox"}}); err != nil {
		return err
	}
	if _, err := s.CreateHostedZone(SandboxZoneName, SandboxZoneID); err != nil {
		return err
	}
	for _, rr := range []types.ResourceRecordSet{
		{Name: aws.String(SandboxRecordName), Type: types.RRTypeA, Failover: types.ResourceRecordSetFailoverPrimary,
			SetIdentifier: aws.String(sandboxPrimarySetID), HealthCheckId: aws.String(SandboxPrimaryCheckID),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(SandboxPrimaryAddress)}}},
		{Name: aws.String(SandboxRecordName), Type: types.RRTypeA, Failover: types.ResourceRecordSetFailoverSecondary,
			SetIdentifier:   aws.String(sandboxSecondarySetID),
			ResourceRecords: []types.ResourceRecord{{Value: aws.String(SandboxSecondaryAddress)}}},
	} {
		if err := s.AddRecord(SandboxZoneID, rr); err != nil {
			return err
		}
	}
	return nil
}
