package awsapi

import (
	"reflect"
	"strings"
	"testing"
)

// servicePrefix is the IAM prefix of each client of Clients.
var servicePrefix = map[string]string{"EC2": "ec2", "AutoScaling": "autoscaling", "Route53": "route53",
	"CloudWatch": "cloudwatch", "FIS": "fis", "STS": "sts", "DynamoDB": "dynamodb", "S3": "s3", "RDS": "rds",
	"ELBv2": "elasticloadbalancing", "Route53Zones": "route53"}

// clientFields are the interface-typed fields of Clients: the clients.
func clientFields(t *testing.T) []reflect.StructField {
	t.Helper()
	var out []reflect.StructField
	ct := reflect.TypeFor[Clients]()
	for i := range ct.NumField() {
		if f := ct.Field(i); f.Type.Kind() == reflect.Interface {
			if _, ok := servicePrefix[f.Name]; !ok {
				t.Fatalf("Clients.%s has no IAM service prefix in servicePrefix", f.Name)
			}
			out = append(out, f)
		}
	}
	if len(out) != len(servicePrefix) {
		t.Fatalf("Clients has %d clients, servicePrefix names %d", len(out), len(servicePrefix))
	}
	return out
}

func TestEveryOperationIsClassified(t *testing.T) {
	// One service may be served by several interfaces (Route53 and
	// Route53Zones): its table covers the methods of all of them.
	methods := map[string]map[string]bool{}
	for _, f := range clientFields(t) {
		svc := servicePrefix[f.Name]
		table, ok := operations[svc]
		if !ok {
			t.Errorf("%s (%s) has no operations table", f.Name, svc)
			continue
		}
		if methods[svc] == nil {
			methods[svc] = map[string]bool{}
		}
		for i := range f.Type.NumMethod() {
			op := f.Type.Method(i).Name
			methods[svc][op] = true
			if _, ok := table[op]; !ok {
				t.Errorf("%s:%s is not classified as read or mutating", svc, op)
			}
		}
	}
	for svc, table := range operations {
		for op := range table {
			if !methods[svc][op] {
				t.Errorf("%s:%s is classified but is not a method of any awsapi client", svc, op)
			}
		}
	}
}

// Reads are Describe*, Get*, List* (and DynamoDB Query); a table entry that
// says otherwise is a mistake, not a choice.
func TestClassificationFollowsTheNamingRule(t *testing.T) {
	for svc, table := range operations {
		for op, m := range table {
			isRead := strings.HasPrefix(op, "Describe") || strings.HasPrefix(op, "Get") ||
				strings.HasPrefix(op, "List") || svc+":"+op == "dynamodb:Query"
			if m == isRead {
				t.Errorf("%s:%s classified mutating=%v", svc, op, m)
			}
		}
	}
	if !mutating("ec2", "NoSuchOperation") {
		t.Error("an unclassified operation must count as mutating")
	}
}
