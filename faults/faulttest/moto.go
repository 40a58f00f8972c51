//go:build conformance

package faulttest

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/faults/faultkit"
	"github.com/gameday-dev/gameday/internal/motoserver"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/awsapi"
)

// Moto is a moto_server process for this test.
type Moto struct {
	*motoserver.Server
}

// StartMoto starts moto_server and stops it when the test ends.
func StartMoto(t *testing.T) *Moto { return &Moto{motoserver.Start(t)} }

// SDKConfig is a real SDK configuration pointing at endpoint with static
// credentials.
func SDKConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 2,
	}
}

func MotoClients(m *Moto) *awsapi.Clients {
	return awsapi.FromConfig(SDKConfig(m.URL), true)
}

func Ctx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// RunInstances launches n instances in az with tags through the real SDK.
func RunInstances(t *testing.T, cli *ec2.Client, n int, az string, tags map[string]string) []string {
	t.Helper()
	ctx := Ctx(t)
	imgs, err := cli.DescribeImages(ctx, &ec2.DescribeImagesInput{})
	if err != nil || len(imgs.Images) == 0 {
		t.Fatalf("no AMI in moto: %v", err)
	}
	var tt []types.Tag
	for k, v := range tags {
		tt = append(tt, types.Tag{Key: faultkit.Ptr(k), Value: faultkit.Ptr(v)})
	}
	out, err := cli.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: imgs.Images[0].ImageId, InstanceType: types.InstanceTypeT3Micro,
		MinCount: faultkit.Ptr(int32(n)), MaxCount: faultkit.Ptr(int32(n)),
		Placement:         &types.Placement{AvailabilityZone: faultkit.Ptr(az)},
		TagSpecifications: []types.TagSpecification{{ResourceType: types.ResourceTypeInstance, Tags: tt}},
	})
	if err != nil {
		t.Fatalf("RunInstances: %v", err)
	}
	var ids []string
	for _, in := range out.Instances {
		ids = append(ids, faultkit.Str(in.InstanceId))
	}
	sort.Strings(ids)
	return ids
}

// States reads the instances' states.
func States(t *testing.T, cli *ec2.Client, ids []string) map[string]types.InstanceStateName {
	t.Helper()
	out, err := cli.DescribeInstances(Ctx(t), &ec2.DescribeInstancesInput{InstanceIds: ids})
	if err != nil {
		t.Fatalf("DescribeInstances: %v", err)
	}
	m := map[string]types.InstanceStateName{}
	for _, r := range out.Reservations {
		for _, in := range r.Instances {
			m[faultkit.Str(in.InstanceId)] = in.State.Name
		}
	}
	return m
}
