package runner

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"
	fistypes "github.com/aws/aws-sdk-go-v2/service/fis/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/r53"
	"github.com/gameday-dev/gameday/sandbox/world"
)

const sandboxStagingCheckID = "hc-sandbox-staging"

// newSafetySandbox starts a fast sandbox and turns it into the safety
// world (see safety_cases_test.go): production resources retagged beside
// the staging ones, the two extra NAT routes, a staging health check and
// two FIS templates. Setup calls go to the sandbox's services directly and
// the gate's record of them is cleared.
func newSafetySandbox(t *testing.T) (*sandbox.Sandbox, safetyIDs) {
	t.Helper()
	ctx := context.Background()
	sb, err := sandbox.New(ctx, sandbox.Options{
		World: world.Options{Instances: 6, BootDelay: 100 * time.Millisecond, StopDelay: 20 * time.Millisecond,
			HealthInterval: 50 * time.Millisecond, MetricsInterval: 250 * time.Millisecond, Tick: 10 * time.Millisecond},
		HealthCheckInterval: 50 * time.Millisecond, AlarmTick: 100 * time.Millisecond, FISDelay: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	w := sb.World()
	ids := safetyIDs{region: world.Region, roleARN: sandbox.FISRoleARN, asg: world.ASGName,
		prod: map[string]string{}, staging: map[string]string{}, public: map[string]string{}, private: map[string]string{},
		nat: map[string]string{}, rtb: map[string]string{}, hcProd: r53.SandboxPrimaryCheckID, hcStaging: sandboxStagingCheckID}
	letter := func(az string) string { return strings.TrimPrefix(az, world.Region) }

	var all []string
	for _, in := range w.Instances() {
		all = append(all, in.ID)
		l := letter(in.AZ)
		if ids.prod[l] == "" {
			ids.prod[l] = in.ID
		} else if ids.staging[l] == "" {
			ids.staging[l] = in.ID
		}
	}
	var subnets []string
	for _, s := range w.Subnets() {
		subnets = append(subnets, s.ID)
		if s.Public {
			ids.public[letter(s.AZ)] = s.ID
		} else {
			ids.private[letter(s.AZ)] = s.ID
		}
	}
	for _, n := range w.NatGateways() {
		ids.nat[letter(n.AZ)] = n.ID
	}
	for _, az := range world.AZs() {
		rt, ok := w.PrivateRouteTable(az)
		if !ok {
			t.Fatalf("no private route table in %s", az)
		}
		ids.rtb[letter(az)] = rt.ID
	}
	for _, rt := range w.RouteTables() {
		if rt.Main() {
			ids.main = rt.ID
		}
	}
	if len(ids.prod) != 3 || len(ids.staging) != 3 || len(ids.nat) != 3 || ids.main == "" {
		t.Fatalf("unexpected sandbox layout: %+v", ids)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	prod := map[string]string{safetyProtectedKey: safetyProtectedVal}
	must(w.CreateTags(all, map[string]string{"GameDay": "enabled"}))
	must(w.CreateTags(subnets, map[string]string{"GameDay": "enabled"}))
	must(w.CreateTags([]string{ids.prod["a"], ids.prod["b"], ids.prod["c"], ids.public["a"], ids.public["b"], ids.private["c"],
		ids.nat["b"], ids.rtb["a"]}, prod))
	must(w.CreateRoute(ids.rtb["b"], safetyExtraCIDR, world.RouteTarget{NatGatewayID: ids.nat["c"]}))
	must(w.CreateRoute(ids.main, safetyMainCIDR, world.RouteTarget{NatGatewayID: ids.nat["a"]}))

	_, err = sb.Route53().ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceId: aws.String(ids.hcProd),
		ResourceType: r53types.TagResourceTypeHealthcheck,
		AddTags:      []r53types.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String(safetyProtectedVal)}}})
	must(err)
	primary, err := sb.Route53().GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(ids.hcProd)})
	must(err)
	_, err = sb.Route53().CreateHealthCheck(r53.HealthCheckSpec{ID: ids.hcStaging, Config: *primary.HealthCheck.HealthCheckConfig,
		Tags: map[string]string{"Name": "safety-staging", safetyProtectedKey: "staging"}})
	must(err)

	ids.tplARNs = sandboxTemplate(t, sb, fistypes.CreateExperimentTemplateTargetInput{
		ResourceArns: []string{instanceARN(ids.prod["c"]), instanceARN(ids.staging["c"])}})
	ids.tplTags = sandboxTemplate(t, sb, fistypes.CreateExperimentTemplateTargetInput{
		ResourceTags: map[string]string{"GameDay": "enabled"}})
	// The sandbox's one DB cluster is the production one here.
	clusterARN := world.ClusterARN(world.DBClusterID)
	_, err = sb.Clients().RDS.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: &clusterARN,
		Tags: []rdstypes.Tag{{Key: aws.String(safetyProtectedKey), Value: aws.String(safetyProtectedVal)}}})
	must(err)
	ids.dbProd = world.DBClusterID
	sb.Gate().ResetCalls()
	return sb, ids
}

func instanceARN(id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:instance/%s", world.Region, world.AccountID, id)
}

// sandboxTemplate creates a user's FIS template stopping the instances
// target selects, and returns its id.
func sandboxTemplate(t *testing.T, sb *sandbox.Sandbox, target fistypes.CreateExperimentTemplateTargetInput) string {
	t.Helper()
	target.ResourceType, target.SelectionMode = aws.String("aws:ec2:instance"), aws.String("ALL")
	out, err := sb.FIS().CreateExperimentTemplate(context.Background(), &fis.CreateExperimentTemplateInput{
		RoleArn:        aws.String(sandbox.FISRoleARN),
		Description:    aws.String("a user's template"),
		StopConditions: []fistypes.CreateExperimentTemplateStopConditionInput{{Source: aws.String("none")}},
		Targets:        map[string]fistypes.CreateExperimentTemplateTargetInput{"instances": target},
		Actions: map[string]fistypes.CreateExperimentTemplateActionInput{"stop": {ActionId: aws.String("aws:ec2:stop-instances"),
			Targets: map[string]string{"Instances": "instances"}, Parameters: map[string]string{"startInstancesAfterDuration": "PT1S"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.ExperimentTemplate.Id)
}

// sandboxProtectedState describes every protected resource as the world
// (and Route 53) holds it: comparing it before and after a run shows
// whether anything protected changed.
func sandboxProtectedState(t *testing.T, sb *sandbox.Sandbox, ids safetyIDs) map[string]string {
	t.Helper()
	p := ids.protected()
	out := map[string]string{}
	for _, in := range sb.World().Instances() {
		if _, ok := p[in.ID]; ok {
			out[in.ID] = fmt.Sprintf("%s %v", in.State, sortedTags(in.Tags))
		}
	}
	for _, s := range sb.World().Subnets() {
		if _, ok := p[s.ID]; ok {
			out[s.ID] = fmt.Sprint(sortedTags(s.Tags))
		}
	}
	for _, n := range sb.World().NatGateways() {
		if _, ok := p[n.ID]; ok {
			out[n.ID] = fmt.Sprintf("%s %v", n.State, sortedTags(n.Tags))
		}
	}
	for _, rt := range sb.World().RouteTables() {
		if _, ok := p[rt.ID]; ok {
			out[rt.ID] = fmt.Sprint(sortedTags(rt.Tags))
		}
		for _, r := range rt.Routes {
			if k := ids.route(rt.ID, r.DestinationCIDR); p[k] != "" {
				out[k] = fmt.Sprintf("%s%s %s", r.GatewayID, r.NatGatewayID, r.Origin)
			}
		}
	}
	out[ids.dbProd] = safetyDBState(t, context.Background(), sb.Clients().RDS, ids.dbProd)
	for k := range p {
		if _, ok := out[k]; !ok && k != ids.hcProd {
			out[k] = "absent"
		}
	}
	ctx := context.Background()
	hc, err := sb.Route53().GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(ids.hcProd)})
	if err != nil {
		t.Fatal(err)
	}
	tags, err := sb.Route53().ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceId: aws.String(ids.hcProd),
		ResourceType: r53types.TagResourceTypeHealthcheck})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, tg := range tags.ResourceTagSet.Tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	out[ids.hcProd] = fmt.Sprintf("inverted=%v disabled=%v %v", aws.ToBool(hc.HealthCheck.HealthCheckConfig.Inverted),
		aws.ToBool(hc.HealthCheck.HealthCheckConfig.Disabled), sortedTags(m))
	return out
}

func sortedTags(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// worldEventsOnProtected returns the world's ground-truth events since
// from that acted on a protected resource (a route event names its table
// and destination).
func worldEventsOnProtected(sb *sandbox.Sandbox, ids safetyIDs, from time.Time) []string {
	p := ids.protected()
	var out []string
	for _, e := range sb.World().Truth().Events {
		if e.At.Before(from) {
			continue
		}
		key := e.Resource
		if strings.HasSuffix(e.What, "-route") {
			key = ids.route(e.Resource, strings.SplitN(e.Detail, " ", 2)[0])
		}
		if why, ok := protectedID(p, key); ok {
			out = append(out, fmt.Sprintf("%s %s %s (%s)", e.What, e.Resource, e.Detail, why))
		}
	}
	return out
}
