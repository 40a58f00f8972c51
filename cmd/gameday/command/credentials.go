package command

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"

	"github.com/gameday-dev/gameday/awsapi"
)

// credentialsTimeout bounds the look for credentials: on a machine that is
// not an EC2 instance, the metadata service may take seconds to say no.
const credentialsTimeout = 15 * time.Second

// checkCredentials finds the base credentials the AWS configuration chain
// gives (a --role-arn is assumed with them later), before any client is
// built, so that a machine without any gets one clear refusal naming the
// way out instead of the SDK's chain of provider errors, once per call.
// The SDK's logger is silenced here: its "falling back to IMDSv1" warning
// says nothing a user can act on.
func checkCredentials(ctx context.Context, o awsapi.Options) error {
	ctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
	defer cancel()
	loaders := []func(*awsconfig.LoadOptions) error{awsconfig.WithLogger(logging.Nop{})}
	if o.Profile != "" {
		loaders = append(loaders, awsconfig.WithSharedConfigProfile(o.Profile))
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, loaders...)
	var noProfile awsconfig.SharedConfigProfileNotExistError
	switch {
	case errors.As(err, &noProfile):
		return fmt.Errorf("the AWS profile %q is not in the shared config files (~/.aws/config, ~/.aws/credentials); list them with `aws configure list-profiles`, or rehearse without AWS with --sandbox", o.Profile)
	case err != nil:
		return fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Credentials == nil {
		return noCredentials(o, nil)
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return noCredentials(o, err)
	}
	return nil
}

// noCredentials says that no credentials were found and how to give some.
// With a profile, the SDK's reason is kept (an expired SSO session says
// what to do); without one, it only lists the providers that had nothing.
func noCredentials(o awsapi.Options, err error) error {
	where := "in the environment, the shared config files or the instance metadata"
	if o.Profile != "" {
		where = fmt.Sprintf("for the profile %q (%s)", o.Profile, credentialReason(err))
	}
	return fmt.Errorf("no AWS credentials found %s: give a profile with --profile (or AWS_PROFILE), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or rehearse without AWS with --sandbox", where)
}

// credentialReason is the last, most specific part of the SDK's error.
func credentialReason(err error) string {
	if err == nil {
		return "none configured"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		msg = msg[i+2:]
	}
	return msg
}
