package iam

import "strings"

// Scope is where the game day runs: the parts every ARN is built from.
// Unknown parts are "*" (a resource wildcard, never an action one).
type Scope struct {
	Partition, Region, Account string
}

// ARN builds a regional ARN of service in the scope.
func (s Scope) ARN(service, resource string) string {
	return "arn:" + s.Partition + ":" + service + ":" + s.Region + ":" + s.Account + ":" + resource
}

// EC2 is an EC2 resource ARN ("instance/i-1").
func (s Scope) EC2(resource string) string { return s.ARN("ec2", resource) }

// Instances returns the instance ARNs: the listed ids, or every instance.
func (s Scope) Instances(ids []string) []string { return s.Each("instance/", ids) }

// RouteTables returns the route table ARNs: the listed ids, or every table.
func (s Scope) RouteTables(ids []string) []string { return s.Each("route-table/", ids) }

// Each returns EC2 ARNs of prefix+id for ids, or prefix+"*" for none.
func (s Scope) Each(prefix string, ids []string) []string {
	if len(ids) == 0 {
		return []string{s.EC2(prefix + "*")}
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.EC2(prefix+id))
	}
	return out
}

// HealthCheck is a Route 53 health check ARN: global, so no region and no
// account.
func (s Scope) HealthCheck(id string) string {
	return "arn:" + s.Partition + ":route53:::healthcheck/" + id
}

// Alarm is a CloudWatch alarm ARN.
func (s Scope) Alarm(name string) string { return s.ARN("cloudwatch", "alarm:"+name) }

// FIS is a FIS resource ARN ("experiment/*").
func (s Scope) FIS(resource string) string { return s.ARN("fis", resource) }

// Table is a DynamoDB table ARN; region "" means the scope's.
func (s Scope) Table(region, name string) string {
	if region == "" {
		region = s.Region
	}
	return "arn:" + s.Partition + ":dynamodb:" + region + ":" + s.Account + ":table/" + name
}

// RDS is an RDS resource ARN ("cluster:db-1", "db:db-1-instance-1").
func (s Scope) RDS(resource string) string { return s.ARN("rds", resource) }

// PartitionOf guesses the partition from the region: the ARNs of China and
// GovCloud regions do not start with arn:aws.
func PartitionOf(region string) string {
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
