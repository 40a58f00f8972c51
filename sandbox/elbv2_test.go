package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/r53"
)

// The balancer's DNS name and listener port are where it really listens:
// a URL built from them reaches the application's health endpoint.
func TestELBv2DescribesTheReachableBalancer(t *testing.T) {
	sb, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	ctx := context.Background()
	c := sb.Clients()
	lbs, err := c.ELBv2.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("DescribeLoadBalancers = %+v, %v", lbs, err)
	}
	lb := lbs.LoadBalancers[0]
	ls, err := c.ELBv2.DescribeListeners(ctx, &elbv2.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil || len(ls.Listeners) != 1 {
		t.Fatalf("DescribeListeners = %+v, %v", ls, err)
	}
	url := fmt.Sprintf("%s://%s:%d", "http", aws.ToString(lb.DNSName), aws.ToInt32(ls.Listeners[0].Port))
	if url != sb.Vars()["url"].AsString() {
		t.Errorf("balancer URL %s, the sandbox serves %s", url, sb.Vars()["url"].AsString())
	}
	resp, err := http.Get(url + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s/health = %d", url, resp.StatusCode)
	}
	tgs, err := c.ELBv2.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil || len(tgs.TargetGroups) != 1 || aws.ToString(tgs.TargetGroups[0].TargetGroupArn) != TargetGroupARN {
		t.Fatalf("DescribeTargetGroups = %+v, %v", tgs, err)
	}
	tags, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: []string{LoadBalancerARN}})
	if err != nil || len(tags.TagDescriptions) != 1 || len(tags.TagDescriptions[0].Tags) != 2 {
		t.Fatalf("DescribeTags = %+v, %v", tags, err)
	}
	if _, err := c.ELBv2.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{Names: []string{"other"}}); awsapi.ErrorCode(err) != "LoadBalancerNotFound" {
		t.Errorf("an unknown balancer answered %v, want LoadBalancerNotFound", err)
	}
	zones, err := c.Route53Zones.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
	if err != nil || len(zones.HostedZones) != 1 || aws.ToString(zones.HostedZones[0].Id) != "/hostedzone/"+r53.SandboxZoneID {
		t.Fatalf("ListHostedZones = %+v, %v", zones, err)
	}
}
