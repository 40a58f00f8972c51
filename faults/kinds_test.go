package faults

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/config"
)

func TestKindsRegistry(t *testing.T) {
	k := Kinds()
	if got := k.Names(); !reflect.DeepEqual(got, []string{KindEC2Kill, KindFISAZ, KindNATRoute, KindR53Flip}) {
		t.Fatalf("kinds %v", got)
	}
	env := testEnv(&awsapi.Clients{})
	env.Duration = time.Minute
	specs := map[string]any{
		KindEC2Kill:  &config.EC2Kill{Action: "stop", Select: config.EC2Selector{ASG: "web", Count: 1}},
		KindNATRoute: &config.NATRouteRemoval{AZ: "us-east-1a", OnMissingNAT: config.OnMissingNATSubstitute},
		KindR53Flip:  &config.Route53HealthFlip{HealthCheckID: "hc-1"},
		KindFISAZ:    &config.FISAZBlackout{TemplateID: "EXTabc"},
	}
	for name, fk := range k {
		if fk.Name != name || fk.Reverter == nil || fk.Scanner == nil {
			t.Errorf("kind %s: name %q, reverter %t, scanner %t", name, fk.Name, fk.Reverter != nil, fk.Scanner != nil)
		}
		f, err := fk.New(specs[name], env)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Kind() != name || f.BatchSize() < 1 || f.Effect().Action == "" {
			t.Errorf("%s: kind %q batch %d effect %+v", name, f.Kind(), f.BatchSize(), f.Effect())
		}
		if _, err := fk.New(struct{}{}, env); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s accepted a foreign spec type: %v", name, err)
		}
		if _, err := fk.New((*config.EC2Kill)(nil), env); err == nil {
			t.Errorf("%s accepted a nil spec", name)
		}
	}
	if (Options{}).withDefaults().FISPollInterval != 5*time.Second {
		t.Fatal("defaults not applied")
	}
}
