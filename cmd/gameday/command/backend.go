package command

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/redact"
)

// Backend is what a verb talks to: real AWS, or the built-in sandbox.
type Backend struct {
	Clients *awsapi.Clients
	// Vars are the sandbox's addresses for `sandbox.*`; nil for real AWS.
	Vars map[string]cty.Value
	// Sandbox is true for the built-in sandbox.
	Sandbox bool
	// Tuning shortens the runner's waits for the sandbox's fast clock.
	Tuning Tuning
	// Close releases the backend (stops the sandbox).
	Close func()
}

// Tuning are the runner delays a backend suggests (zero: the defaults,
// meant for real AWS).
type Tuning struct {
	Baseline, SteadyWarmup, RecoveryTimeout, VerifyTimeout time.Duration
}

// Backends build backends; main wires the real ones, tests fakes.
type Backends struct {
	AWS     func(ctx context.Context, o awsapi.Options) (*Backend, error)
	Sandbox func(ctx context.Context) (*Backend, error)
}

// AWSFlags select the AWS configuration and the sandbox.
type AWSFlags struct {
	Profile, Region, RoleARN, ExternalID, RetryMode string
	MaxAttempts                                     int
	Sandbox                                         bool
	SandboxURL                                      string
	// Debug writes the AWS SDK's own log (its retries, wire warnings) to
	// stderr; without it that log is discarded, so that no SDK line mixes
	// with gameday's output.
	Debug bool
}

// Flags returns the cli flags that fill a.
func (a *AWSFlags) Flags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "sandbox", Destination: &a.Sandbox, Usage: "rehearse against the built-in sandbox (an in-process miniature staging world) instead of AWS"},
		&cli.StringFlag{Name: "sandbox-url", Destination: &a.SandboxURL, EnvVars: []string{"GAMEDAY_SANDBOX_URL"}, Usage: "rehearse against a standing sandbox, started by gameday sandbox, at `URL`"},
		&cli.StringFlag{Name: "profile", Destination: &a.Profile, EnvVars: []string{"AWS_PROFILE"}, Usage: "AWS shared config `PROFILE`"},
		&cli.StringFlag{Name: "region", Destination: &a.Region, Usage: "AWS `REGION` (default: the game day's region, then the AWS configuration's)"},
		&cli.StringFlag{Name: "role-arn", Destination: &a.RoleARN, Usage: "assume this IAM role `ARN` for the run"},
		&cli.StringFlag{Name: "external-id", Destination: &a.ExternalID, Usage: "external `ID` for --role-arn"},
		&cli.StringFlag{Name: "retry-mode", Value: "standard", Destination: &a.RetryMode, Usage: "SDK retry `MODE`: standard or adaptive (client-side rate limiting)"},
		&cli.BoolFlag{Name: "debug", Destination: &a.Debug, Usage: "write the AWS SDK's log (its retries, throttling, wire warnings) to stderr"},
		&cli.IntFlag{Name: "max-attempts", Destination: &a.MaxAttempts, DefaultText: "3", Usage: fmt.Sprintf("SDK attempts per call `N`, 1 to %d", maxAttemptsLimit)},
	}
}

// open builds the backend; region is the game day's region, used when
// --region is not given.
func (a *AWSFlags) open(ctx context.Context, b *Backends, region string) (*Backend, error) {
	if a.SandboxURL != "" {
		return RemoteSandbox(ctx, a.SandboxURL)
	}
	if a.Sandbox {
		if b.Sandbox == nil {
			return nil, fmt.Errorf("the sandbox is not available in this build")
		}
		return b.Sandbox(ctx)
	}
	if a.Region != "" {
		region = a.Region
	}
	o := awsapi.Options{Profile: a.Profile, Region: region, RoleARN: a.RoleARN,
		ExternalID: a.ExternalID, RetryMode: a.RetryMode, MaxAttempts: a.MaxAttempts}
	if a.Debug {
		// Through the command's redactor like every other byte.
		o.Debug = redact.FromContext(ctx).Writer(os.Stderr)
	}
	return b.AWS(ctx, o)
}

// RealAWS is the Backends.AWS of main. It refuses at once when the
// configuration chain has no credentials (checkCredentials).
func RealAWS(ctx context.Context, o awsapi.Options) (*Backend, error) {
	if err := checkCredentials(ctx, o); err != nil {
		return nil, err
	}
	c, err := awsapi.Load(ctx, o)
	if err != nil {
		return nil, err
	}
	return &Backend{Clients: c, Close: func() {}}, nil
}

// stateDirFlag is the state location flag shared by run and recover:
// --state (alias --state-dir), a directory, file://DIR or
// s3://bucket/prefix, where the journals, run records and locks live.
func stateDirFlag(dst *string, f *Factory) cli.Flag {
	return &cli.StringFlag{Name: "state", Aliases: []string{"state-dir"}, Destination: dst, Value: defaultStateDir(f),
		Usage: "`LOCATION` of the journals, run records and locks: a directory, file://DIR or s3://bucket/prefix (env GAMEDAY_STATE)"}
}

// defaultStateDir is $GAMEDAY_STATE, else $GAMEDAY_STATE_DIR, else
// $XDG_STATE_HOME/gameday, else ~/.local/state/gameday: journals must
// survive the run's working directory.
func defaultStateDir(f *Factory) string {
	env := map[string]string{}
	for _, kv := range f.environ() {
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				env[kv[:i]] = kv[i+1:]
				break
			}
		}
	}
	if d := env["GAMEDAY_STATE"]; d != "" {
		return d
	}
	if d := env["GAMEDAY_STATE_DIR"]; d != "" {
		return d
	}
	if d := env["XDG_STATE_HOME"]; d != "" {
		return filepath.Join(d, "gameday")
	}
	home := env["HOME"]
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	if home == "" {
		return ".gameday-state"
	}
	return filepath.Join(home, ".local", "state", "gameday")
}
