package remote

import (
	"context"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/route53"
)

// The reads only discovery makes travel to a standing sandbox too.
func TestRemoteDiscoveryReads(t *testing.T) {
	sb, c, _ := serve(t)
	ctx := context.Background()
	lbs, err := c.ELBv2.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("DescribeLoadBalancers = %+v, %v", lbs, err)
	}
	ls, err := c.ELBv2.DescribeListeners(ctx, &elbv2.DescribeListenersInput{LoadBalancerArn: lbs.LoadBalancers[0].LoadBalancerArn})
	if err != nil || len(ls.Listeners) != 1 {
		t.Fatalf("DescribeListeners = %+v, %v", ls, err)
	}
	want := sb.Vars()["url"].AsString()
	if got := "http://" + aws.ToString(lbs.LoadBalancers[0].DNSName) + ":" + strconv.Itoa(int(aws.ToInt32(ls.Listeners[0].Port))); got != want {
		t.Errorf("remote balancer at %s, the sandbox serves %s", got, want)
	}
	zones, err := c.Route53Zones.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
	if err != nil || len(zones.HostedZones) != 1 {
		t.Fatalf("ListHostedZones = %+v, %v", zones, err)
	}
	if _, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{}); err == nil {
		t.Error("DescribeTags without ARNs succeeded; the sandbox refuses it as AWS does")
	}
}
