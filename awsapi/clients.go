package awsapi

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// Clients is the set of AWS clients one run uses. It is built once (by
// Load, by the sandbox or by a test) and handed to everything that calls AWS:
// nothing builds a client of its own.
type Clients struct {
	Region string
	// Emulator is true when the clients talk to an AWS emulator (moto):
	// some of its DryRun answers cannot be trusted (it performs route
	// changes it was asked to dry-run), so callers skip those checks.
	Emulator    bool
	EC2         EC2
	AutoScaling AutoScaling
	Route53     Route53
	CloudWatch  CloudWatch
	FIS         FIS
	STS         STS
	DynamoDB    DynamoDB
	// S3 holds durable run state (--state s3://...) when the state store
	// is built from these clients; nil in the sandbox.
	S3 S3
}

// Options says how to build the real clients.
type Options struct {
	Profile     string // shared config profile; empty: the SDK default chain
	Region      string // overrides the profile's region when set
	RoleARN     string // assume this role after loading the base credentials
	ExternalID  string // external id for the assumed role
	SessionName string // role session name; defaults to "gameday"
	RetryMode   string // "standard" (default) or "adaptive"
	MaxAttempts int    // 0: the SDK default (3)
	// Emulator switches protocols that emulators do not speak yet (CloudWatch
	// RPCv2 CBOR -> query). When false it is still turned on if the
	// GAMEDAY_AWS_EMULATOR environment variable is "1".
	Emulator bool
}

// Load builds real clients from the SDK's configuration chain: profiles, SSO,
// environment credentials, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
// (which is how the same binary talks to an emulator), then an optional
// assumed role.
func Load(ctx context.Context, o Options) (*Clients, error) {
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
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
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
	emulator := o.Emulator || os.Getenv("GAMEDAY_AWS_EMULATOR") == "1"
	return FromConfig(cfg, emulator), nil
}

// FromConfig builds the client set from an already loaded aws.Config.
func FromConfig(cfg aws.Config, emulator bool) *Clients {
	return &Clients{
		Region:      cfg.Region,
		Emulator:    emulator,
		EC2:         ec2.NewFromConfig(cfg),
		AutoScaling: autoscaling.NewFromConfig(cfg),
		Route53:     route53.NewFromConfig(cfg),
		CloudWatch: cloudwatch.NewFromConfig(cfg, func(co *cloudwatch.Options) {
			if emulator {
				// The Go CloudWatch client speaks Smithy RPCv2 CBOR; emulators
				// such as moto 5.2 only understand the query protocol.
				co.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801)
			}
		}),
		FIS:      fis.NewFromConfig(cfg),
		STS:      sts.NewFromConfig(cfg),
		DynamoDB: dynamodb.NewFromConfig(cfg),
		S3:       NewS3(cfg),
	}
}
