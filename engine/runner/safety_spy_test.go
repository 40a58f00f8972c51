package runner

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/gameday-dev/gameday/awsapi"
)

// A mutationSpy sits innermost, right above the endpoint, and records the
// resources every mutating call that was really sent names. awsapi's
// Recorder says THAT a mutation was sent; the spy says to WHAT, so that a
// test can tell a staging resource changed from a protected one.
type mutationSpy struct {
	mu    sync.Mutex
	calls []sentMutation
}

// sentMutation is one mutating call that reached the endpoint.
type sentMutation struct {
	Action string
	DryRun bool
	// IDs are the resources the call names: instance, subnet, route
	// ("rtb-1|0.0.0.0/0"), health check, template ids and the ARNs a FIS
	// template targets ("tags:K=V" for a target that selects by tags).
	IDs []string
}

func (m sentMutation) String() string {
	s := m.Action
	if m.DryRun {
		s += " (DryRun)"
	}
	return s + " " + strings.Join(m.IDs, ",")
}

// spyOn wraps c's clients that have mutating calls in a spy.
func spyOn(c *awsapi.Clients) (*awsapi.Clients, *mutationSpy) {
	s := &mutationSpy{}
	w := *c
	if c.EC2 != nil {
		w.EC2 = spyEC2{c.EC2, s}
	}
	if c.Route53 != nil {
		w.Route53 = spyRoute53{c.Route53, s}
	}
	if c.FIS != nil {
		w.FIS = spyFIS{c.FIS, s}
	}
	if c.RDS != nil {
		w.RDS = spyRDS{c.RDS, s}
	}
	return &w, s
}

func (s *mutationSpy) record(action string, dry *bool, ids ...string) {
	s.mu.Lock()
	s.calls = append(s.calls, sentMutation{Action: action, DryRun: aws.ToBool(dry), IDs: ids})
	s.mu.Unlock()
}

// sent returns the mutating calls sent without DryRun.
func (s *mutationSpy) sent() []sentMutation {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []sentMutation
	for _, c := range s.calls {
		if !c.DryRun {
			out = append(out, c)
		}
	}
	return out
}

// dryRuns returns the DryRun calls sent.
func (s *mutationSpy) dryRuns() []sentMutation {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []sentMutation
	for _, c := range s.calls {
		if c.DryRun {
			out = append(out, c)
		}
	}
	return out
}

// touching returns the calls sent without DryRun that name a protected
// resource, directly or inside an ARN; a FIS target selecting by tags
// counts, since FIS could resolve it to a protected resource.
func (s *mutationSpy) touching(protected map[string]string) []string {
	var out []string
	for _, c := range s.sent() {
		for _, id := range c.IDs {
			if why, ok := protectedID(protected, id); ok {
				out = append(out, fmt.Sprintf("%s names %s (%s)", c, id, why))
			}
		}
	}
	sort.Strings(out)
	return out
}

// protectedID reports whether id, or the resource id an ARN ends with, is
// protected.
func protectedID(protected map[string]string, id string) (string, bool) {
	if strings.HasPrefix(id, "tags:") {
		return "a FIS target selecting by tags can reach protected resources", true
	}
	if why, ok := protected[id]; ok {
		return why, true
	}
	if strings.HasPrefix(id, "arn:") {
		if why, ok := protected[id[strings.LastIndexAny(id, "/:")+1:]]; ok {
			return why, true
		}
	}
	return "", false
}

func routeKey(rtb *string, cidr, ipv6, prefixList *string) string {
	d := aws.ToString(cidr)
	if d == "" {
		d = aws.ToString(ipv6)
	}
	if d == "" {
		d = aws.ToString(prefixList)
	}
	return aws.ToString(rtb) + "|" + d
}

type spyEC2 struct {
	awsapi.EC2
	s *mutationSpy
}

func (c spyEC2) TerminateInstances(ctx context.Context, in *ec2.TerminateInstancesInput, o ...func(*ec2.Options)) (*ec2.TerminateInstancesOutput, error) {
	c.s.record("ec2:TerminateInstances", in.DryRun, in.InstanceIds...)
	return c.EC2.TerminateInstances(ctx, in, o...)
}

func (c spyEC2) StopInstances(ctx context.Context, in *ec2.StopInstancesInput, o ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error) {
	c.s.record("ec2:StopInstances", in.DryRun, in.InstanceIds...)
	return c.EC2.StopInstances(ctx, in, o...)
}

func (c spyEC2) StartInstances(ctx context.Context, in *ec2.StartInstancesInput, o ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error) {
	c.s.record("ec2:StartInstances", in.DryRun, in.InstanceIds...)
	return c.EC2.StartInstances(ctx, in, o...)
}

func (c spyEC2) RebootInstances(ctx context.Context, in *ec2.RebootInstancesInput, o ...func(*ec2.Options)) (*ec2.RebootInstancesOutput, error) {
	c.s.record("ec2:RebootInstances", in.DryRun, in.InstanceIds...)
	return c.EC2.RebootInstances(ctx, in, o...)
}

func (c spyEC2) CreateRoute(ctx context.Context, in *ec2.CreateRouteInput, o ...func(*ec2.Options)) (*ec2.CreateRouteOutput, error) {
	c.s.record("ec2:CreateRoute", in.DryRun, routeKey(in.RouteTableId, in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId))
	return c.EC2.CreateRoute(ctx, in, o...)
}

func (c spyEC2) ReplaceRoute(ctx context.Context, in *ec2.ReplaceRouteInput, o ...func(*ec2.Options)) (*ec2.ReplaceRouteOutput, error) {
	c.s.record("ec2:ReplaceRoute", in.DryRun, routeKey(in.RouteTableId, in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId))
	return c.EC2.ReplaceRoute(ctx, in, o...)
}

func (c spyEC2) DeleteRoute(ctx context.Context, in *ec2.DeleteRouteInput, o ...func(*ec2.Options)) (*ec2.DeleteRouteOutput, error) {
	c.s.record("ec2:DeleteRoute", in.DryRun, routeKey(in.RouteTableId, in.DestinationCidrBlock, in.DestinationIpv6CidrBlock, in.DestinationPrefixListId))
	return c.EC2.DeleteRoute(ctx, in, o...)
}

func (c spyEC2) CreateTags(ctx context.Context, in *ec2.CreateTagsInput, o ...func(*ec2.Options)) (*ec2.CreateTagsOutput, error) {
	c.s.record("ec2:CreateTags", in.DryRun, in.Resources...)
	return c.EC2.CreateTags(ctx, in, o...)
}

func (c spyEC2) DeleteTags(ctx context.Context, in *ec2.DeleteTagsInput, o ...func(*ec2.Options)) (*ec2.DeleteTagsOutput, error) {
	c.s.record("ec2:DeleteTags", in.DryRun, in.Resources...)
	return c.EC2.DeleteTags(ctx, in, o...)
}

type spyRoute53 struct {
	awsapi.Route53
	s *mutationSpy
}

func (c spyRoute53) UpdateHealthCheck(ctx context.Context, in *route53.UpdateHealthCheckInput, o ...func(*route53.Options)) (*route53.UpdateHealthCheckOutput, error) {
	c.s.record("route53:UpdateHealthCheck", nil, aws.ToString(in.HealthCheckId))
	return c.Route53.UpdateHealthCheck(ctx, in, o...)
}

func (c spyRoute53) ChangeTagsForResource(ctx context.Context, in *route53.ChangeTagsForResourceInput, o ...func(*route53.Options)) (*route53.ChangeTagsForResourceOutput, error) {
	c.s.record("route53:ChangeTagsForResource", nil, aws.ToString(in.ResourceId))
	return c.Route53.ChangeTagsForResource(ctx, in, o...)
}

type spyFIS struct {
	awsapi.FIS
	s *mutationSpy
}

func (c spyFIS) CreateExperimentTemplate(ctx context.Context, in *fis.CreateExperimentTemplateInput, o ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	var ids []string
	for _, tg := range in.Targets {
		ids = append(ids, tg.ResourceArns...)
		for k, v := range tg.ResourceTags {
			ids = append(ids, "tags:"+k+"="+v)
		}
	}
	sort.Strings(ids)
	c.s.record("fis:CreateExperimentTemplate", nil, ids...)
	return c.FIS.CreateExperimentTemplate(ctx, in, o...)
}

func (c spyFIS) StartExperiment(ctx context.Context, in *fis.StartExperimentInput, o ...func(*fis.Options)) (*fis.StartExperimentOutput, error) {
	c.s.record("fis:StartExperiment", nil, aws.ToString(in.ExperimentTemplateId))
	return c.FIS.StartExperiment(ctx, in, o...)
}

func (c spyFIS) StopExperiment(ctx context.Context, in *fis.StopExperimentInput, o ...func(*fis.Options)) (*fis.StopExperimentOutput, error) {
	c.s.record("fis:StopExperiment", nil, aws.ToString(in.Id))
	return c.FIS.StopExperiment(ctx, in, o...)
}

func (c spyFIS) DeleteExperimentTemplate(ctx context.Context, in *fis.DeleteExperimentTemplateInput, o ...func(*fis.Options)) (*fis.DeleteExperimentTemplateOutput, error) {
	c.s.record("fis:DeleteExperimentTemplate", nil, aws.ToString(in.Id))
	return c.FIS.DeleteExperimentTemplate(ctx, in, o...)
}

type spyRDS struct {
	awsapi.RDS
	s *mutationSpy
}

func (c spyRDS) FailoverDBCluster(ctx context.Context, in *rds.FailoverDBClusterInput, o ...func(*rds.Options)) (*rds.FailoverDBClusterOutput, error) {
	c.s.record("rds:FailoverDBCluster", nil, aws.ToString(in.DBClusterIdentifier), aws.ToString(in.TargetDBInstanceIdentifier))
	return c.RDS.FailoverDBCluster(ctx, in, o...)
}

func (c spyRDS) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, o ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	c.s.record("rds:RebootDBInstance", nil, aws.ToString(in.DBInstanceIdentifier))
	return c.RDS.RebootDBInstance(ctx, in, o...)
}

func (c spyRDS) AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, o ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	c.s.record("rds:AddTagsToResource", nil, rdsID(aws.ToString(in.ResourceName)))
	return c.RDS.AddTagsToResource(ctx, in, o...)
}

func (c spyRDS) RemoveTagsFromResource(ctx context.Context, in *rds.RemoveTagsFromResourceInput, o ...func(*rds.Options)) (*rds.RemoveTagsFromResourceOutput, error) {
	c.s.record("rds:RemoveTagsFromResource", nil, rdsID(aws.ToString(in.ResourceName)))
	return c.RDS.RemoveTagsFromResource(ctx, in, o...)
}

// rdsID is the identifier an RDS ARN names ("arn:...:cluster:db-1" -> "db-1").
func rdsID(arn string) string {
	if i := strings.LastIndex(arn, ":"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}
