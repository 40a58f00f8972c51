package iampolicy

import "strings"

// scope is where the game day runs: the parts every ARN is built from.
// Unknown parts are "*" (a resource wildcard, never an action one).
type scope struct {
	partition, region, account string
}

func (s scope) arn(service, resource string) string {
	return "arn:" + s.partition + ":" + service + ":" + s.region + ":" + s.account + ":" + resource
}

func (s scope) ec2(resource string) string { return s.arn("ec2", resource) }

// instances returns the instance ARNs: the listed ids, or every instance.
func (s scope) instances(ids []string) []string { return s.each("instance/", ids) }

func (s scope) routeTables(ids []string) []string { return s.each("route-table/", ids) }

func (s scope) each(prefix string, ids []string) []string {
	if len(ids) == 0 {
		return []string{s.ec2(prefix + "*")}
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.ec2(prefix+id))
	}
	return out
}

// healthCheck is a Route 53 health check ARN: global, so no region and no
// account.
func (s scope) healthCheck(id string) string {
	return "arn:" + s.partition + ":route53:::healthcheck/" + id
}

func (s scope) alarm(name string) string { return s.arn("cloudwatch", "alarm:"+name) }

func (s scope) fis(resource string) string { return s.arn("fis", resource) }

func (s scope) table(region, name string) string {
	if region == "" {
		region = s.region
	}
	return "arn:" + s.partition + ":dynamodb:" + region + ":" + s.account + ":table/" + name
}

// partitionOf guesses the partition from the region: the ARNs of China and
// GovCloud regions do not start with arn:aws.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	}
	return "aws"
}
