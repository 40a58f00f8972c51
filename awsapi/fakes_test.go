package awsapi

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/smithy-go"
)

// apiErr is an AWS API error with code, as the SDK returns it.
func apiErr(code string) error { return &smithy.GenericAPIError{Code: code, Message: code} }

// sent counts the calls that reached the fakes, by operation.
type sent struct {
	mu  sync.Mutex
	ops []string
}

func (s *sent) add(op string) {
	s.mu.Lock()
	s.ops = append(s.ops, op)
	s.mu.Unlock()
}

func (s *sent) count(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, o := range s.ops {
		if o == op {
			n++
		}
	}
	return n
}

// fakeEC2 answers the few EC2 operations the tests call (the embedded nil
// interface panics on the others). A DryRun call answers dryRun; any
// other call answers err.
type fakeEC2 struct {
	EC2
	s      *sent
	dryRun error
	err    error
}

func (f *fakeEC2) answer(op string, dry *bool) error {
	f.s.add("ec2:" + op)
	if aws.ToBool(dry) {
		return f.dryRun
	}
	return f.err
}

func (f *fakeEC2) DescribeInstances(_ context.Context, in *ec2.DescribeInstancesInput, _ ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error) {
	if err := f.answer("DescribeInstances", in.DryRun); err != nil {
		return nil, err
	}
	// Two pages, so a paginator over the wrapper has to come back.
	if in.NextToken == nil {
		return &ec2.DescribeInstancesOutput{NextToken: aws.String("2"), Reservations: make([]ec2types.Reservation, 1)}, nil
	}
	return &ec2.DescribeInstancesOutput{Reservations: make([]ec2types.Reservation, 1)}, nil
}

func (f *fakeEC2) DeleteRoute(_ context.Context, in *ec2.DeleteRouteInput, _ ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	if err := f.answer("DeleteRoute", in.DryRun); err != nil {
		return nil, err
	}
	return &ec2.DeleteRouteOutput{}, nil
}

func (f *fakeEC2) TerminateInstances(_ context.Context, in *ec2.TerminateInstancesInput, _ ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	if err := f.answer("TerminateInstances", in.DryRun); err != nil {
		return nil, err
	}
	return &ec2.TerminateInstancesOutput{}, nil
}

type fakeCW struct {
	CloudWatch
	s *sent
}

func (f *fakeCW) PutMetricData(context.Context, *cloudwatch.PutMetricDataInput, ...func(*cloudwatch.Options)) (*cloudwatch.PutMetricDataOutput, error) {
	f.s.add("cloudwatch:PutMetricData")
	return &cloudwatch.PutMetricDataOutput{}, nil
}

func (f *fakeCW) SetAlarmState(context.Context, *cloudwatch.SetAlarmStateInput, ...func(*cloudwatch.Options)) (*cloudwatch.SetAlarmStateOutput, error) {
	f.s.add("cloudwatch:SetAlarmState")
	return &cloudwatch.SetAlarmStateOutput{}, nil
}

type fakeDDB struct {
	DynamoDB
	s *sent
}

func (f *fakeDDB) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	f.s.add("dynamodb:PutItem")
	return &dynamodb.PutItemOutput{}, nil
}

type fakeR53 struct {
	Route53
	s *sent
}

func (f *fakeR53) UpdateHealthCheck(context.Context, *route53.UpdateHealthCheckInput, ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	f.s.add("route53:UpdateHealthCheck")
	return &route53.UpdateHealthCheckOutput{}, nil
}

type fakeRDS struct {
	RDS
	s *sent
}

func (f *fakeRDS) FailoverDBCluster(context.Context, *rds.FailoverDBClusterInput, ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	f.s.add("rds:FailoverDBCluster")
	return &rds.FailoverDBClusterOutput{}, nil
}

// fakeClients is a client set over the fakes; dryRun is what EC2 answers
// DryRun calls.
func fakeClients(dryRun error) (*Clients, *sent, *fakeEC2) {
	s := &sent{}
	e := &fakeEC2{s: s, dryRun: dryRun}
	return &Clients{Region: "us-east-1", EC2: e, CloudWatch: &fakeCW{s: s}, DynamoDB: &fakeDDB{s: s},
		Route53: &fakeR53{s: s}, RDS: &fakeRDS{s: s}}, s, e
}
