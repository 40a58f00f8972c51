package faultkit

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/gameday-dev/gameday/engine"
)

// DescribeSubnets reads subnets by id (a filter, so unknown ids are absent
// instead of failing the call).
func DescribeSubnets(ctx context.Context, env engine.Env, ids []string) (map[string]types.Subnet, error) {
	return DescribeSubnetsBy(ctx, env, "subnet-id", ids)
}

// DescribeSubnetsBy reads the subnets whose filter name matches one of
// values (chunked, every page followed).
func DescribeSubnetsBy(ctx context.Context, env engine.Env, name string, values []string) (map[string]types.Subnet, error) {
	out := map[string]types.Subnet{}
	for _, c := range Chunk(values, EC2MaxFilterValues) {
		p := ec2.NewDescribeSubnetsPaginator(env.Clients.EC2, &ec2.DescribeSubnetsInput{
			Filters: []types.Filter{{Name: Ptr(name), Values: c}}, MaxResults: Ptr(int32(1000))})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("DescribeSubnets failed: %w", err)
			}
			for _, s := range page.Subnets {
				out[Str(s.SubnetId)] = s
			}
		}
	}
	return out, nil
}
