package awsapi

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

type mode int

const (
	modeDetect   mode = iota // the endpoints decide
	modeEmulator             // emulator whatever the endpoints
	modeAWS                  // AWS whatever the endpoints
)

// modeOverride replaces endpoint detection, and says why in EndpointNote.
type modeOverride struct {
	force mode
	why   string
}

// FromConfig builds the client set from an already loaded aws.Config. The
// endpoints the clients resolved decide emulator mode, as in Load;
// forceEmulator turns it on whatever they are (an emulator behind an
// AWS-looking name).
func FromConfig(cfg aws.Config, forceEmulator bool) *Clients {
	if forceEmulator {
		return fromConfig(cfg, modeOverride{force: modeEmulator, why: "emulator mode forced by the caller"})
	}
	return fromConfig(cfg, modeOverride{})
}

func fromConfig(cfg aws.Config, o modeOverride) *Clients {
	// Each request the SDK sends is a try hooks can watch (tries.go). The
	// caller's slice is not appended to in place.
	cfg.APIOptions = append(slices.Clip(cfg.APIOptions), addSDKTries)
	c := &Clients{Region: cfg.Region}
	ec2c := ec2.NewFromConfig(cfg)
	asg := autoscaling.NewFromConfig(cfg)
	r53 := route53.NewFromConfig(cfg)
	fisc := fis.NewFromConfig(cfg)
	stsc := sts.NewFromConfig(cfg)
	ddb := dynamodb.NewFromConfig(cfg)
	s3c := NewS3(cfg)
	rdsc := rds.NewFromConfig(cfg)
	elb := elbv2.NewFromConfig(cfg)
	// CloudWatch's protocol depends on the mode, which depends on every
	// endpoint including CloudWatch's own: ask the SDK where it would go.
	cwBase := cloudwatch.NewFromConfig(cfg).Options().BaseEndpoint

	eps := []serviceEndpoint{
		resolvedEndpoint(cfg, ec2.ServiceID, ec2c.Options().BaseEndpoint),
		resolvedEndpoint(cfg, autoscaling.ServiceID, asg.Options().BaseEndpoint),
		resolvedEndpoint(cfg, route53.ServiceID, r53.Options().BaseEndpoint),
		resolvedEndpoint(cfg, cloudwatch.ServiceID, cwBase),
		resolvedEndpoint(cfg, fis.ServiceID, fisc.Options().BaseEndpoint),
		resolvedEndpoint(cfg, sts.ServiceID, stsc.Options().BaseEndpoint),
		resolvedEndpoint(cfg, dynamodb.ServiceID, ddb.Options().BaseEndpoint),
		resolvedEndpoint(cfg, s3.ServiceID, s3c.Options().BaseEndpoint),
		resolvedEndpoint(cfg, rds.ServiceID, rdsc.Options().BaseEndpoint),
		resolvedEndpoint(cfg, elbv2.ServiceID, elb.Options().BaseEndpoint),
	}
	emulated := emulatorEndpoints(eps)
	if len(emulated) > 0 {
		c.Endpoint = emulated[0].url
	}
	switch o.force {
	case modeEmulator:
		c.Emulator = true
	case modeAWS:
		c.Emulator = false
	default:
		c.Emulator = len(emulated) > 0
	}
	c.EndpointNote = endpointNote(eps, o.why)

	c.EC2, c.AutoScaling, c.Route53, c.FIS, c.STS, c.DynamoDB, c.S3, c.RDS = ec2c, asg, r53, fisc, stsc, ddb, s3c, rdsc
	c.ELBv2, c.Route53Zones = elb, r53
	c.CloudWatch = cloudwatch.NewFromConfig(cfg, func(co *cloudwatch.Options) {
		if c.Emulator {
			// The Go CloudWatch client speaks Smithy RPCv2 CBOR; emulators
			// such as moto 5.2 only understand the query protocol (which
			// AWS serves too, so a forced emulator mode loses nothing).
			co.Protocol = awsquery.New(cwschemas.GraniteServiceVersion20100801)
		}
	})
	return c
}
