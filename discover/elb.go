package discover

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/gameday-dev/gameday/awsapi"
)

// elbTagChunk is DescribeTags' limit of ARNs per call.
const elbTagChunk = 20

// readLoadBalancers keeps the load balancers with their target groups and
// the URLs their HTTP(S) listeners answer.
func readLoadBalancers(ctx context.Context, c *awsapi.Clients, a *Account) error {
	if c.ELBv2 == nil {
		return errNoClient("Elastic Load Balancing v2")
	}
	var all []types.LoadBalancer
	p := elbv2.NewDescribeLoadBalancersPaginator(c.ELBv2, &elbv2.DescribeLoadBalancersInput{PageSize: aws.Int32(400)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("DescribeLoadBalancers failed: %w", err)
		}
		all = append(all, page.LoadBalancers...)
	}
	groups, err := targetGroups(ctx, c)
	if err != nil {
		return err
	}
	arns := make([]string, 0, len(all)+len(groups))
	for _, lb := range all {
		arns = append(arns, aws.ToString(lb.LoadBalancerArn))
	}
	for _, g := range groups {
		arns = append(arns, aws.ToString(g.TargetGroupArn))
	}
	tags, err := elbTags(ctx, c, arns)
	if err != nil {
		return err
	}
	for _, lb := range all {
		arn := aws.ToString(lb.LoadBalancerArn)
		l := LoadBalancer{ARN: arn, Name: aws.ToString(lb.LoadBalancerName), DNSName: aws.ToString(lb.DNSName),
			Scheme: string(lb.Scheme), Type: string(lb.Type), Dimension: afterMarker(arn, ":loadbalancer/"), Tags: tags[arn]}
		var tgs []TargetGroup
		for _, g := range groups {
			for _, owner := range g.LoadBalancerArns {
				if owner == arn {
					tgs = append(tgs, TargetGroup{ARN: aws.ToString(g.TargetGroupArn), Dimension: afterMarker(aws.ToString(g.TargetGroupArn), ":"),
						HealthPath: aws.ToString(g.HealthCheckPath)})
				}
			}
		}
		if !a.keep(l.Tags) {
			if a.Filter.Protected(l.Tags) {
				a.protect(l.Dimension)
				for _, tg := range tgs {
					a.protect(tg.Dimension)
				}
			}
			continue
		}
		l.TargetGroups = tgs
		if l.Endpoints, err = endpoints(ctx, c, l); err != nil {
			return err
		}
		a.LoadBalancers = append(a.LoadBalancers, l)
	}
	return nil
}

func targetGroups(ctx context.Context, c *awsapi.Clients) ([]types.TargetGroup, error) {
	var out []types.TargetGroup
	p := elbv2.NewDescribeTargetGroupsPaginator(c.ELBv2, &elbv2.DescribeTargetGroupsInput{PageSize: aws.Int32(400)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("DescribeTargetGroups failed: %w", err)
		}
		out = append(out, page.TargetGroups...)
	}
	return out, nil
}

func elbTags(ctx context.Context, c *awsapi.Clients, arns []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for lo := 0; lo < len(arns); lo += elbTagChunk {
		res, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: arns[lo:min(lo+elbTagChunk, len(arns))]})
		if err != nil {
			return nil, fmt.Errorf("DescribeTags failed: %w", err)
		}
		for _, d := range res.TagDescriptions {
			m := map[string]string{}
			for _, t := range d.Tags {
				m[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			out[aws.ToString(d.ResourceArn)] = m
		}
	}
	return out, nil
}

// endpoints are the URLs of a balancer's HTTP and HTTPS listeners, each
// with the health path of the target group it forwards to ("/" without
// one).
func endpoints(ctx context.Context, c *awsapi.Clients, l LoadBalancer) ([]string, error) {
	if l.DNSName == "" {
		return nil, nil
	}
	var out []string
	p := elbv2.NewDescribeListenersPaginator(c.ELBv2, &elbv2.DescribeListenersInput{LoadBalancerArn: aws.String(l.ARN)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("DescribeListeners of %s failed: %w", l.Name, err)
		}
		for _, ls := range page.Listeners {
			scheme, def := "", int32(0)
			switch ls.Protocol {
			case types.ProtocolEnumHttp:
				scheme, def = "http", 80
			case types.ProtocolEnumHttps:
				scheme, def = "https", 443
			default:
				continue
			}
			host := l.DNSName
			if port := aws.ToInt32(ls.Port); port != 0 && port != def {
				host += ":" + strconv.Itoa(int(port))
			}
			path := "/"
			for _, act := range ls.DefaultActions {
				for _, tg := range l.TargetGroups {
					if tg.ARN == aws.ToString(act.TargetGroupArn) && strings.HasPrefix(tg.HealthPath, "/") {
						path = tg.HealthPath
					}
				}
			}
			out = append(out, scheme+"://"+host+path)
		}
	}
	return out, nil
}

// afterMarker returns what follows the last marker in s (the CloudWatch
// dimension of an ELB ARN); s when the marker is absent.
func afterMarker(s, marker string) string {
	if i := strings.LastIndex(s, marker); i >= 0 {
		return s[i+len(marker):]
	}
	return s
}
