package discover

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// readGroups keeps the Auto Scaling groups and counts, per AZ, the
// members an ec2_kill could choose: InService, Healthy and a kept
// instance (so a protected member is never counted).
func readGroups(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.AutoScaling == nil {
		return errNoClient("Auto Scaling")
	}
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeAutoScalingGroups failed: %w", err)
		}
		for _, g := range page.AutoScalingGroups {
			tags := map[string]string{}
			for _, t := range g.Tags {
				tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			name := aws.ToString(g.AutoScalingGroupName)
			if !a.keep(tags) {
				if a.Filter.Protected(tags) {
					a.protect(name)
				}
				continue
			}
			grp := Group{Name: name, ARN: aws.ToString(g.AutoScalingGroupARN), Tags: tags, AZs: g.AvailabilityZones,
				Desired: int(aws.ToInt32(g.DesiredCapacity)), Serving: map[string]int{}, TargetGroupARNs: g.TargetGroupARNs}
			for _, m := range g.Instances {
				in, kept := a.Instances[aws.ToString(m.InstanceId)]
				if !kept || m.LifecycleState != types.LifecycleStateInService || aws.ToString(m.HealthStatus) != "Healthy" {
					continue
				}
				// The instance's own placement first: some emulators
				// leave the member's AZ empty.
				az := in.AZ
				if az == "" {
					az = aws.ToString(m.AvailabilityZone)
				}
				grp.Serving[az]++
			}
			a.Groups = append(a.Groups, grp)
		}
	}
	return nil
}
