package awsapi

import (
	"context"
	"errors"
)

// Wrap returns a client set whose every client runs hook around each call
// (see Hook). The wrappers keep the SDK signatures, so paginators and
// waiters accept them; the other fields (region, endpoint mode) are copied,
// and a nil client stays nil.
func Wrap(c *Clients, hook Hook) *Clients {
	w := *c
	if c.EC2 != nil {
		w.EC2 = ec2Hooked{c.EC2, hook}
	}
	if c.AutoScaling != nil {
		w.AutoScaling = autoscalingHooked{c.AutoScaling, hook}
	}
	if c.Route53 != nil {
		w.Route53 = route53Hooked{c.Route53, hook}
	}
	if c.CloudWatch != nil {
		w.CloudWatch = cloudwatchHooked{c.CloudWatch, hook}
	}
	if c.FIS != nil {
		w.FIS = fisHooked{c.FIS, hook}
	}
	if c.STS != nil {
		w.STS = stsHooked{c.STS, hook}
	}
	if c.DynamoDB != nil {
		w.DynamoDB = dynamodbHooked{c.DynamoDB, hook}
	}
	if c.S3 != nil {
		w.S3 = s3Hooked{c.S3, hook}
	}
	if c.RDS != nil {
		w.RDS = rdsHooked{c.RDS, hook}
	}
	return &w
}

// invoke is the body of every wrapper method: Before, the call, After.
func invoke[Out any](ctx context.Context, hook Hook, c Call, call func() (*Out, error)) (*Out, error) {
	if err := hook.Before(ctx, c); err != nil {
		return nil, refused(c, err)
	}
	out, err := call()
	hook.After(ctx, c, err)
	return out, err
}

// refused is the error of a call Before stopped: a refused mutation is a
// *MutationRefusedError (kept as it is when a hook already said so).
func refused(c Call, err error) error {
	var mr *MutationRefusedError
	if !c.Mutating || errors.As(err, &mr) {
		return err
	}
	return &MutationRefusedError{Call: c, Reason: err}
}
