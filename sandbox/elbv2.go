package sandbox

import (
	"context"
	"maps"
	"net"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// LoadBalancerARN is the world's load balancer, whose CloudWatch dimension
// is world.LoadBalancerID.
const LoadBalancerARN = "arn:aws:elasticloadbalancing:" + world.Region + ":" + world.AccountID + ":loadbalancer/" + world.LoadBalancerID

// loadBalancerName is the name part of world.LoadBalancerID.
const loadBalancerName = "sandbox-lb"

// The balancer and its target group carry the tags every sandbox resource
// carries.
var lbTags = map[string]string{"Name": loadBalancerName, "Environment": "staging"}

// ELBv2 implements awsapi.ELBv2 over the world's load balancer: one
// internal Application Load Balancer with one HTTP listener and one target
// group, the Auto Scaling group's. It answers with the address it really
// listens on: its DNS name is the loopback address and its listener the
// real port, so that what discovery builds from them reaches it.
type ELBv2 struct {
	w    *world.World
	gate *apisim.Gate
}

var _ awsapi.ELBv2 = (*ELBv2)(nil)

// NewELBv2 serves ELBv2 over w; every call passes gate first.
func NewELBv2(w *world.World, gate *apisim.Gate) *ELBv2 { return &ELBv2{w: w, gate: gate} }

func (e *ELBv2) enter(ctx context.Context, op string) error {
	return e.gate.Enter(ctx, "elasticloadbalancing:"+op, "Throttling", false)
}

// hostPort is where the balancer listens.
func (e *ELBv2) hostPort() (string, int32) {
	host, port, _ := net.SplitHostPort(e.w.LBAddr().String())
	p, _ := strconv.Atoi(port)
	return host, int32(p)
}

func (e *ELBv2) balancer() types.LoadBalancer {
	host, _ := e.hostPort()
	return types.LoadBalancer{
		LoadBalancerArn: aws.String(LoadBalancerARN), LoadBalancerName: aws.String(loadBalancerName),
		DNSName: aws.String(host), Scheme: types.LoadBalancerSchemeEnumInternal, Type: types.LoadBalancerTypeEnumApplication,
		State: &types.LoadBalancerState{Code: types.LoadBalancerStateEnumActive}, CreatedTime: aws.Time(e.w.Group().CreatedTime),
		AvailabilityZones: e.zones(),
	}
}

func (e *ELBv2) zones() []types.AvailabilityZone {
	var out []types.AvailabilityZone
	for _, az := range world.AZs() {
		out = append(out, types.AvailabilityZone{ZoneName: aws.String(az)})
	}
	return out
}

func elbPageSize(n *int32) (int, error) {
	if n == nil {
		return 400, nil
	}
	if *n < 1 || *n > 400 {
		return 0, apisim.Error("ValidationError", "PageSize must be between 1 and 400")
	}
	return int(*n), nil
}

// DescribeLoadBalancers answers the one balancer, when asked for all or
// by its ARN or name; a name or ARN it does not have is
// LoadBalancerNotFound, as in AWS.
func (e *ELBv2) DescribeLoadBalancers(ctx context.Context, in *elbv2.DescribeLoadBalancersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeLoadBalancersOutput, error) {
	if err := e.enter(ctx, "DescribeLoadBalancers"); err != nil {
		return nil, err
	}
	if _, err := elbPageSize(in.PageSize); err != nil {
		return nil, err
	}
	for _, a := range in.LoadBalancerArns {
		if a != LoadBalancerARN {
			return nil, apisim.Error("LoadBalancerNotFound", "One or more load balancers not found")
		}
	}
	for _, n := range in.Names {
		if n != loadBalancerName {
			return nil, apisim.Error("LoadBalancerNotFound", "Load balancers '[%s]' not found", n)
		}
	}
	return &elbv2.DescribeLoadBalancersOutput{LoadBalancers: []types.LoadBalancer{e.balancer()}}, nil
}

// DescribeListeners answers the balancer's HTTP listener.
func (e *ELBv2) DescribeListeners(ctx context.Context, in *elbv2.DescribeListenersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeListenersOutput, error) {
	if err := e.enter(ctx, "DescribeListeners"); err != nil {
		return nil, err
	}
	if in.LoadBalancerArn == nil && len(in.ListenerArns) == 0 {
		return nil, apisim.Error("ValidationError", "You must specify either listener ARNs or a load balancer ARN")
	}
	if in.LoadBalancerArn != nil && *in.LoadBalancerArn != LoadBalancerARN {
		return nil, apisim.Error("LoadBalancerNotFound", "One or more load balancers not found")
	}
	_, port := e.hostPort()
	l := types.Listener{ListenerArn: aws.String(LoadBalancerARN + "/listener"), LoadBalancerArn: aws.String(LoadBalancerARN),
		Port: aws.Int32(port), Protocol: types.ProtocolEnumHttp,
		DefaultActions: []types.Action{{Type: types.ActionTypeEnumForward, TargetGroupArn: aws.String(TargetGroupARN)}}}
	return &elbv2.DescribeListenersOutput{Listeners: []types.Listener{l}}, nil
}

// DescribeTargetGroups answers the Auto Scaling group's target group.
func (e *ELBv2) DescribeTargetGroups(ctx context.Context, in *elbv2.DescribeTargetGroupsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTargetGroupsOutput, error) {
	if err := e.enter(ctx, "DescribeTargetGroups"); err != nil {
		return nil, err
	}
	if in.LoadBalancerArn != nil && *in.LoadBalancerArn != LoadBalancerARN {
		return nil, apisim.Error("LoadBalancerNotFound", "One or more load balancers not found")
	}
	for _, a := range in.TargetGroupArns {
		if a != TargetGroupARN {
			return nil, apisim.Error("TargetGroupNotFound", "One or more target groups not found")
		}
	}
	_, port := e.hostPort()
	tg := types.TargetGroup{TargetGroupArn: aws.String(TargetGroupARN), TargetGroupName: aws.String(world.ASGName),
		Protocol: types.ProtocolEnumHttp, Port: aws.Int32(port), TargetType: types.TargetTypeEnumInstance,
		HealthCheckPath: aws.String("/health"), HealthCheckProtocol: types.ProtocolEnumHttp,
		LoadBalancerArns: []string{LoadBalancerARN}}
	return &elbv2.DescribeTargetGroupsOutput{TargetGroups: []types.TargetGroup{tg}}, nil
}

// DescribeTags answers the tags of the balancer and the target group (at
// most 20 ARNs per call, as in AWS).
func (e *ELBv2) DescribeTags(ctx context.Context, in *elbv2.DescribeTagsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error) {
	if err := e.enter(ctx, "DescribeTags"); err != nil {
		return nil, err
	}
	if len(in.ResourceArns) == 0 || len(in.ResourceArns) > 20 {
		return nil, apisim.Error("ValidationError", "ResourceArns takes 1 to 20 ARNs")
	}
	out := &elbv2.DescribeTagsOutput{}
	for _, a := range in.ResourceArns {
		if !slices.Contains([]string{LoadBalancerARN, TargetGroupARN}, a) {
			return nil, apisim.Error("LoadBalancerNotFound", "One or more resources not found")
		}
		td := types.TagDescription{ResourceArn: aws.String(a)}
		for _, k := range slices.Sorted(maps.Keys(lbTags)) {
			td.Tags = append(td.Tags, types.Tag{Key: aws.String(k), Value: aws.String(lbTags[k])})
		}
		out.TagDescriptions = append(out.TagDescriptions, td)
	}
	return out, nil
}
