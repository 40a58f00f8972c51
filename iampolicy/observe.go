package iampolicy

import (
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/iam"
)

// stop: cloudwatch_alarm polls DescribeAlarms on its alarms (and reads their
// ARNs from it at preflight); probe_budget and max_duration call nothing.
func (b *builder) stop(sc *config.StopCondition) {
	spec, ok := sc.Spec.(*config.CloudWatchAlarmStop)
	if !ok {
		return
	}
	b.allow(Statement{Sid: iam.Sid("Stop", sc.Name, "Alarms"), Action: []string{"cloudwatch:DescribeAlarms"},
		Resource: b.alarms(spec.Alarms),
		Why:      "Stop condition " + sc.Kind + "." + sc.Name + " polls its alarms with DescribeAlarms (and takes their ARNs from it for the FIS template's stop conditions); DescribeAlarms accepts alarm ARNs as resources."})
}

func (b *builder) alarms(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, b.sc.Alarm(n))
	}
	return out
}

// probe: only the CloudWatch kinds call AWS.
func (b *builder) probe(p *config.Probe) {
	switch spec := p.Spec.(type) {
	case *config.CloudWatchAlarmProbe:
		b.allow(Statement{Sid: iam.Sid("Probe", p.Name, "Alarm"), Action: []string{"cloudwatch:DescribeAlarms"},
			Resource: b.alarms([]string{spec.AlarmName}),
			Why:      "Probe " + p.Kind + "." + p.Name + " reads its alarm's state with DescribeAlarms."})
	case *config.CloudWatchMetricProbe:
		b.allow(Statement{Sid: iam.Sid("Probe", p.Name, "Metric"), Action: []string{"cloudwatch:GetMetricData"},
			Resource: []string{"*"},
			Why:      "Probe " + p.Kind + "." + p.Name + " reads " + spec.Namespace + "/" + spec.MetricName + " with GetMetricData, which has no resource-level permissions (Resource must be \"*\")."})
	}
}

// canary: only the dynamodb kind calls AWS.
func (b *builder) canary(c *config.Canary) {
	spec, ok := c.Spec.(*config.DynamoDBCanary)
	if !ok {
		return
	}
	b.allow(Statement{Sid: iam.Sid("Canary", c.Name, "Table"),
		Action:   []string{"dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:Query"},
		Resource: []string{b.sc.Table(spec.Region, spec.Table)},
		Why:      "Canary " + c.Kind + "." + c.Name + " checks the table's key schema (DescribeTable), writes sequence-numbered items (PutItem) and reads them back (Query), on that table only."})
}

// metrics: the CloudWatch metrics reporter publishes the figures.
func (b *builder) metrics(namespace string) {
	if namespace == "" {
		return
	}
	b.allow(Statement{Sid: "ReportMetrics", Action: []string{"cloudwatch:PutMetricData"}, Resource: []string{"*"},
		Why: "The metrics reporter publishes the run's figures with PutMetricData, which has no resource-level permissions; the cloudwatch:namespace condition keeps it to namespace " + namespace + "."}.
		With("StringEquals", "cloudwatch:namespace", namespace))
}
