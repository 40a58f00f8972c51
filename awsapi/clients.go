package awsapi

// Clients is the set of AWS clients one run uses. It is built once (by
// Load, by the sandbox or by a test) and handed to everything that calls AWS:
// nothing builds a client of its own.
type Clients struct {
	Region string
	// Emulator is true when the clients talk to an endpoint that is neither
	// AWS's own nor gameday's sandbox (moto, another emulator, a proxy):
	// DryRun there is no safety net (moto performs CreateRoute and
	// DeleteRoute it was asked to dry-run), and CloudWatch speaks the query
	// protocol, the one emulators understand.
	Emulator bool
	// Sandbox is true for gameday's own sandbox, in process or through
	// sandbox/remote: its DryRun answers are faithful, it being gameday's
	// own code.
	Sandbox bool
	// Endpoint is the first configured endpoint that is not AWS's own;
	// empty when every client talks to AWS.
	Endpoint string
	// EndpointNote says where the calls go and why, for the CLI to print:
	// "emulator at http://127.0.0.1:5000 (AWS_ENDPOINT_URL)".
	EndpointNote string

	EC2         EC2
	AutoScaling AutoScaling
	Route53     Route53
	CloudWatch  CloudWatch
	FIS         FIS
	STS         STS
	DynamoDB    DynamoDB
	// S3 holds durable run state (--state s3://...) when the state store
	// is built from these clients; nil in the sandbox.
	S3  S3
	RDS RDS
	// ELBv2 and Route53Zones are read by discovery (`gameday init`) only.
	ELBv2        ELBv2
	Route53Zones Route53Zones
}

// DryRunTrusted reports whether a DryRun answer proves that nothing was
// done: true for AWS's own endpoints and gameday's sandbox, false for any
// other endpoint, which may perform what it was asked to dry-run.
func (c *Clients) DryRunTrusted() bool { return c.Sandbox || !c.Emulator }
