package discover

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/awsapi"
)

// Discover reads the account behind c, keeping what f keeps. Only the
// caller's identity is required: any other listing that fails is recorded
// in Account.Unread with its reason, and the decisions that need it are
// left to the user. ctx's cancellation stops it with ctx's error.
func Discover(ctx context.Context, c *awsapi.Clients, f Filter) (*Account, error) {
	a := &Account{Region: c.Region, Filter: f, Instances: map[string]Instance{}, Subnets: map[string]Subnet{},
		NATs: map[string]NAT{}, HealthChecks: map[string]HealthCheck{}, Unread: map[string]string{}, protectedNames: map[string]bool{}}
	if c.STS == nil {
		return nil, errors.New("not discovering: no STS client to learn the account from")
	}
	id, err := c.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("not discovering: GetCallerIdentity failed, so the account is unknown: %w", err)
	}
	a.ID = aws.ToString(id.Account)
	// Order matters: instances before groups (a group's serving members
	// are kept instances), subnets and NAT gateways before route tables,
	// groups and load balancers before alarms (an alarm on a protected
	// one is dropped).
	steps := []struct {
		what string
		read func(context.Context, *awsapi.Clients, *Account) error
	}{
		{"instances", readInstances},
		{"Auto Scaling groups", readGroups},
		{"subnets", readSubnets},
		{"NAT gateways", readNATs},
		{"route tables", readRouteTables},
		{"load balancers", readLoadBalancers},
		{"Route 53 failover records", readFailovers},
		{"DB clusters", readClusters},
		{"DB instances", readDBInstances},
		{"alarms", readAlarms},
	}
	for _, s := range steps {
		if err := s.read(ctx, c, a); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("discovery stopped while reading %s: %w", s.what, ctx.Err())
			}
			a.Unread[s.what] = err.Error()
		}
	}
	return a, nil
}

// errNoClient is the reason a listing is skipped when the backend has no
// client for its service.
func errNoClient(service string) error {
	return fmt.Errorf("this endpoint offers no %s client", service)
}

// keep applies the filter to one resource, counting protected ones.
func (a *Account) keep(tags map[string]string) bool {
	if a.Filter.Protected(tags) {
		a.Protected++
		return false
	}
	return a.Filter.Selected(tags)
}

// protect remembers the identifiers other resources use for a protected
// resource.
func (a *Account) protect(names ...string) {
	for _, n := range names {
		if n != "" {
			a.protectedNames[n] = true
		}
	}
}
