package faultkit

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/gameday-dev/gameday/engine"
)

// EC2's limits: ids per Terminate/Stop/Start/Reboot call, instances per
// DescribeInstances page, values per Describe filter (AWS documents 200).
const (
	EC2MaxIDsPerCall   = 1000
	EC2MaxPage         = 1000
	EC2MaxFilterValues = 200
)

// DescribeInstances pages through the instances matching filters.
func DescribeInstances(ctx context.Context, env engine.Env, filters []types.Filter, each func(types.Instance)) error {
	p := ec2.NewDescribeInstancesPaginator(env.Clients.EC2, &ec2.DescribeInstancesInput{
		Filters: filters, MaxResults: Ptr(int32(EC2MaxPage)),
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeInstances failed: %w", err)
		}
		for _, r := range out.Reservations {
			for _, in := range r.Instances {
				each(in)
			}
		}
	}
	return nil
}

// InstanceTags reads the tags of instances by id.
func InstanceTags(ctx context.Context, env engine.Env, ids []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, c := range Chunk(ids, EC2MaxFilterValues) {
		err := DescribeInstances(ctx, env, []types.Filter{{Name: Ptr("instance-id"), Values: c}}, func(in types.Instance) {
			out[Str(in.InstanceId)] = TagMap(in.Tags)
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// Chunk cuts ids into consecutive slices of at most n.
func Chunk(ids []string, n int) [][]string {
	var out [][]string
	for lo := 0; lo < len(ids); lo += n {
		out = append(out, ids[lo:min(lo+n, len(ids))])
	}
	return out
}

// Dedupe returns the distinct non-empty ids, sorted.
func Dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// WithLog makes env.Logf safe to call.
func WithLog(env engine.Env) engine.Env {
	if env.Logf == nil {
		env.Logf = engine.NopLogf
	}
	return env
}
