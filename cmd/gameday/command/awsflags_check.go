package command

import (
	"fmt"
	"net/url"
	"regexp"

	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/engine/config"
)

// check refuses AWS and sandbox flags that are out of range, unknown or in
// conflict, before a backend is opened. Values are checked under --sandbox
// too, where the SDK settings have no effect: a command line that is wrong
// there would be wrong against AWS, and should not pass a rehearsal.
func (a *AWSFlags) check(c *cli.Context) []error {
	var errs []error
	// 0 is the SDK's default only when the flag is not given.
	if c.IsSet("max-attempts") && (a.MaxAttempts < 1 || a.MaxAttempts > maxAttemptsLimit) {
		errs = append(errs, fmt.Errorf("--max-attempts %d is out of range: give 1 to %d SDK attempts per call", a.MaxAttempts, maxAttemptsLimit))
	}
	if a.RetryMode != "standard" && a.RetryMode != "adaptive" {
		errs = append(errs, fmt.Errorf("--retry-mode %q is not a retry mode: use standard or adaptive", a.RetryMode))
	}
	if a.Region != "" {
		if err := config.CheckRegion(a.Region); err != nil {
			errs = append(errs, fmt.Errorf("--region: %w", err))
		}
	}
	// The shape of an IAM role ARN in any partition.
	roleARN := regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+$`)
	if a.RoleARN != "" && !roleARN.MatchString(a.RoleARN) {
		errs = append(errs, fmt.Errorf("--role-arn %q is not an IAM role ARN, such as arn:aws:iam::123456789012:role/gameday", a.RoleARN))
	}
	if a.ExternalID != "" && a.RoleARN == "" {
		errs = append(errs, fmt.Errorf("--external-id is only used with --role-arn, which is not given"))
	}
	if a.Sandbox && a.SandboxURL != "" {
		errs = append(errs, fmt.Errorf("--sandbox and --sandbox-url (or GAMEDAY_SANDBOX_URL) exclude each other: give one"))
	}
	if a.SandboxURL != "" {
		if u, err := url.Parse(a.SandboxURL); err != nil || u.Scheme != "http" || u.Host == "" {
			errs = append(errs, fmt.Errorf("--sandbox-url %q is not an http://HOST:PORT URL, such as `gameday sandbox` prints", a.SandboxURL))
		}
	}
	return errs
}
