package awsapi

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// scriptEC2 answers DescribeInstances and CreateRoute from a script: the
// n-th call of an operation answers script[n] (nil: success); past the end
// of the script, it answers the last entry again.
type scriptEC2 struct {
	EC2
	mu     sync.Mutex
	script map[string][]error
	calls  map[string]int
}

func newScript(script map[string][]error) (*Clients, *scriptEC2) {
	s := &scriptEC2{script: script, calls: map[string]int{}}
	return &Clients{Region: "us-east-1", EC2: s}, s
}

func (s *scriptEC2) answer(op string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.calls[op]
	s.calls[op]++
	errs := s.script[op]
	switch {
	case len(errs) == 0:
		return nil
	case n < len(errs):
		return errs[n]
	}
	return errs[len(errs)-1]
}

func (s *scriptEC2) count(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

func (s *scriptEC2) DescribeInstances(context.Context, *ec2.DescribeInstancesInput, ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if err := s.answer("DescribeInstances"); err != nil {
		return nil, err
	}
	return &ec2.DescribeInstancesOutput{}, nil
}

func (s *scriptEC2) CreateRoute(context.Context, *ec2.CreateRouteInput, ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	if err := s.answer("CreateRoute"); err != nil {
		return nil, err
	}
	return &ec2.CreateRouteOutput{}, nil
}

// httpErr is an error answer as the SDK returns it: status and API error.
func httpErr(status int, code string) error {
	return &smithy.OperationError{ServiceID: "EC2", OperationName: "X", Err: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
		Err:      &smithy.GenericAPIError{Code: code, Message: code},
	}}
}

// resetErr is a connection reset, as the SDK's transport reports it.
func resetErr() error {
	return &smithy.OperationError{ServiceID: "EC2", OperationName: "X",
		Err: fmt.Errorf("send request failed: %w", &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET})}
}

func describe(c *Clients) error {
	_, err := c.EC2.DescribeInstances(context.Background(), &ec2.DescribeInstancesInput{})
	return err
}

func createRoute(ctx context.Context, c *Clients) error {
	_, err := c.EC2.CreateRoute(ctx, &ec2.CreateRouteInput{RouteTableId: aws.String("rtb-1"), DestinationCidrBlock: aws.String("0.0.0.0/0")})
	return err
}
