package awsapi

// Whether an operation changes something, per service and operation: the
// one place that decides what the gate holds back and what a recorder counts
// as a mutation. Reads are the Describe*, Get* and List* operations, plus
// DynamoDB's Query; everything else is mutating. Every operation of every
// interface is listed (TestEveryOperationIsClassified): one missing from
// the table counts as mutating, so an oversight fails closed.
const (
	read   = false
	change = true
)

var operations = map[string]map[string]bool{
	"ec2": {
		"DescribeAvailabilityZones": read,
		"DescribeInstances":         read,
		"DescribeSubnets":           read,
		"DescribeNatGateways":       read,
		"DescribeRouteTables":       read,
		"TerminateInstances":        change,
		"StopInstances":             change,
		"StartInstances":            change,
		"RebootInstances":           change,
		"CreateRoute":               change,
		"ReplaceRoute":              change,
		"DeleteRoute":               change,
		"CreateTags":                change,
		"DeleteTags":                change,
	},
	"autoscaling": {
		"DescribeAutoScalingGroups": read,
		"DescribeScalingActivities": read,
	},
	"route53": {
		"GetHealthCheck":         read,
		"GetHealthCheckStatus":   read,
		"ListHealthChecks":       read,
		"ListResourceRecordSets": read,
		"ListTagsForResource":    read,
		"ListHostedZones":        read,
		"UpdateHealthCheck":      change,
		"ChangeTagsForResource":  change,
	},
	"cloudwatch": {
		"DescribeAlarms":       read,
		"DescribeAlarmHistory": read,
		"GetMetricData":        read,
		"PutMetricData":        change,
		"SetAlarmState":        change,
	},
	"fis": {
		"GetExperimentTemplate":    read,
		"ListExperimentTemplates":  read,
		"GetExperiment":            read,
		"ListExperiments":          read,
		"CreateExperimentTemplate": change,
		"DeleteExperimentTemplate": change,
		"StartExperiment":          change,
		"StopExperiment":           change,
	},
	"sts": {
		"GetCallerIdentity": read,
	},
	"dynamodb": {
		"GetItem":       read,
		"Query":         read,
		"DescribeTable": read,
		"PutItem":       change,
	},
	"s3": {
		"GetObject":         read,
		"ListObjectsV2":     read,
		"GetBucketLocation": read,
		"PutObject":         change,
		"DeleteObject":      change,
	},
	"rds": {
		"DescribeDBClusters":     read,
		"DescribeDBInstances":    read,
		"ListTagsForResource":    read,
		"FailoverDBCluster":      change,
		"RebootDBInstance":       change,
		"AddTagsToResource":      change,
		"RemoveTagsFromResource": change,
	},
	// The IAM prefix of ELBv2 is elasticloadbalancing.
	"elasticloadbalancing": {
		"DescribeLoadBalancers": read,
		"DescribeListeners":     read,
		"DescribeTargetGroups":  read,
		"DescribeTags":          read,
	},
}

// mutating reports whether service's op changes something; an operation
// the table does not know does.
func mutating(service, op string) bool {
	m, ok := operations[service][op]
	return !ok || m
}

// Mutating reports whether service's op ("ec2", "DeleteRoute") changes
// something, as the gate and the recorder judge it: an operation gameday
// does not call counts as mutating, so an oversight fails closed.
func Mutating(service, op string) bool { return mutating(service, op) }
