package awsapi

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
)

// EmulatorEnv overrides the endpoint detection of Load: "1" forces emulator
// mode, "0" forces AWS mode; unset or empty, the endpoints decide.
const EmulatorEnv = "GAMEDAY_AWS_EMULATOR"

// Options says how to build the real clients.
//
// Any configured endpoint that is not AWS's own (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_<SERVICE>, a profile's endpoint_url or services section)
// puts the clients in emulator mode by itself (Clients.Emulator): DryRun is
// not trusted and CloudWatch speaks the query protocol. The environment
// variable GAMEDAY_AWS_EMULATOR overrides the detection: "1" forces
// emulator mode (an emulator behind an AWS-looking name), "0" forces AWS
// mode (AWS behind a proxy or a private name: DryRun answers are trusted).
//
// RetryMode is "standard" unless asked otherwise. "adaptive" adds the SDK's
// client-side rate limiter, which, once a client has been throttled, holds
// back every later call of that client, reverts included, for as long as
// its estimate of the allowed rate takes to recover; gameday's reads back
// off on their own (Patient) and its mutations are few, so the limiter
// would mostly delay the reverts a game day must make promptly. Adaptive
// helps when other tools share the account's quota: then choose it.
//
// Debug receives the SDK's log lines ("failed to discard remaining HTTP
// response body", retries); nil discards them, so that no SDK line lands
// on the terminal among gameday's own.
type Options struct {
	Profile     string    // shared config profile; empty: the SDK default chain
	Region      string    // overrides the profile's region when set
	RoleARN     string    // assume this role after loading the base credentials
	ExternalID  string    // external id for the assumed role
	SessionName string    // role session name; defaults to "gameday"
	RetryMode   string    // "standard" (default) or "adaptive"
	MaxAttempts int       // 0: the SDK default (3)
	Debug       io.Writer // the SDK's log; nil: discarded
}

// Load builds real clients from the SDK's configuration chain: profiles, SSO,
// environment credentials, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
// (which is how the same binary talks to an emulator), then an optional
// assumed role.
func Load(ctx context.Context, o Options) (*Clients, error) {
	override, err := emulatorOverride(os.Getenv(EmulatorEnv))
	if err != nil {
		return nil, err
	}
	var loaders []func(*config.LoadOptions) error
	if o.Profile != "" {
		loaders = append(loaders, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		loaders = append(loaders, config.WithRegion(o.Region))
	}
	switch o.RetryMode {
	case "", "standard":
		loaders = append(loaders, config.WithRetryMode(aws.RetryModeStandard))
	case "adaptive":
		loaders = append(loaders, config.WithRetryMode(aws.RetryModeAdaptive))
	default:
		return nil, fmt.Errorf("retry mode %q is not one of standard, adaptive", o.RetryMode)
	}
	if o.MaxAttempts > 0 {
		loaders = append(loaders, config.WithRetryMaxAttempts(o.MaxAttempts))
	}
	loaders = append(loaders, sdkLog(o.Debug)...)
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	cfg.Retryer = sdkRetryer(cfg.RetryMode, cfg.RetryMaxAttempts)
	if cfg.Region == "" {
		return nil, fmt.Errorf("no AWS region: set the game day's region, --region, AWS_REGION or a profile region")
	}
	if o.RoleARN != "" {
		name := o.SessionName
		if name == "" {
			name = "gameday"
		}
		provider := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), o.RoleARN, func(ao *stscreds.AssumeRoleOptions) {
			ao.RoleSessionName = name
			if o.ExternalID != "" {
				ao.ExternalID = aws.String(o.ExternalID)
			}
		})
		cfg.Credentials = aws.NewCredentialsCache(provider)
	}
	return fromConfig(cfg, override), nil
}

// sdkLog sends the SDK's logger to w, or nowhere: by default the SDK logs
// to stderr. With a writer, the retries are logged too.
func sdkLog(w io.Writer) []func(*config.LoadOptions) error {
	if w == nil {
		return []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	}
	return []func(*config.LoadOptions) error{
		config.WithLogger(logging.NewStandardLogger(w)),
		config.WithClientLogMode(aws.LogRetries),
	}
}

// emulatorOverride reads GAMEDAY_AWS_EMULATOR. Any value but "", "0" and
// "1" is an error rather than a guess: the variable decides whether DryRun
// is trusted.
func emulatorOverride(v string) (modeOverride, error) {
	switch v {
	case "":
		return modeOverride{}, nil
	case "1":
		return modeOverride{force: modeEmulator, why: "emulator mode forced by " + EmulatorEnv + "=1"}, nil
	case "0":
		return modeOverride{force: modeAWS, why: "AWS mode forced by " + EmulatorEnv + "=0"}, nil
	}
	return modeOverride{}, fmt.Errorf("%s=%q: use 1 (emulator) or 0 (AWS), or leave it unset to let the endpoints decide", EmulatorEnv, v)
}
