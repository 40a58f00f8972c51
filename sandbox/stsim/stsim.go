// Package stsim is the sandbox's STS: GetCallerIdentity answers a
// configurable identity so the account and region guards can be exercised
// (including a refusal, by configuring a different account).
package stsim

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Sandbox identities; the rest of the sandbox uses the same account.
const (
	DefaultAccount = "123456789012"
	DefaultARN     = "arn:aws:iam::123456789012:user/gameday-sandbox"
	DefaultUserID  = "AIDASANDBOXGAMEDAY001"
)

// Options configures the identity. Empty fields take the defaults above.
type Options struct {
	// Gate is the sandbox-wide API gate; nil builds a private one (handy in
	// tests that need no knobs).
	Gate    *apisim.Gate
	Account string
	ARN     string
	UserID  string
}

// Service implements awsapi.STS.
type Service struct {
	gate    *apisim.Gate
	account string
	arn     string
	userID  string
}

// New builds the STS service.
func New(o Options) *Service {
	s := &Service{gate: o.Gate, account: o.Account, arn: o.ARN, userID: o.UserID}
	if s.gate == nil {
		s.gate = apisim.NewGate(1)
	}
	if s.account == "" {
		s.account = DefaultAccount
	}
	if s.arn == "" {
		s.arn = DefaultARN
	}
	if s.userID == "" {
		s.userID = DefaultUserID
	}
	return s
}

// GetCallerIdentity needs no permission in AWS, but it still goes through the
// gate so throttling and latency knobs apply to it as well.
func (s *Service) GetCallerIdentity(ctx context.Context, _ *sts.GetCallerIdentityInput, _ ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	if err := s.gate.Enter(ctx, "sts:GetCallerIdentity", "Throttling", false); err != nil {
		return nil, err
	}
	return &sts.GetCallerIdentityOutput{
		Account: aws.String(s.account),
		Arn:     aws.String(s.arn),
		UserId:  aws.String(s.userID),
	}, nil
}
