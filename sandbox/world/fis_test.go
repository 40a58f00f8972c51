package world

import (
	"slices"
	"testing"
)

func TestResolve(t *testing.T) {
	w := newWorld(t, Options{})
	a := inAZ(w, "us-east-1a")
	got, err := w.Resolve(FISInstance, nil, map[string]string{"aws:autoscaling:groupName": ASGName},
		map[string][]string{"Placement.AvailabilityZone": {"us-east-1a"}, "State.Name": {"running"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a[0].ID, a[1].ID}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("instances in us-east-1a: %v, want %v", got, want)
	}
	priv, _ := w.PrivateSubnet("us-east-1b")
	got, _ = w.Resolve(FISSubnet, nil, map[string]string{"Tier": "private"}, map[string][]string{"AvailabilityZone": {"us-east-1b"}})
	if !slices.Equal(got, []string{priv.ID}) {
		t.Errorf("private subnet of us-east-1b: %v, want %s", got, priv.ID)
	}
	got, _ = w.Resolve(FISSubnet, []string{SubnetARN(priv.ID)}, nil, nil)
	if !slices.Equal(got, []string{priv.ID}) {
		t.Errorf("subnet by ARN: %v", got)
	}
	if got, _ := w.Resolve(FISASG, nil, nil, nil); !slices.Equal(got, []string{ASGName}) {
		t.Errorf("groups: %v", got)
	}
	for _, arn := range []string{w.GroupARN(), "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/sandbox-web"} {
		if got, err := w.Resolve(FISASG, []string{arn}, nil, nil); err != nil || !slices.Equal(got, []string{ASGName}) {
			t.Errorf("group by ARN %s: %v %v", arn, got, err)
		}
	}
	if _, err := w.Resolve(FISASG, []string{"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/other"}, nil, nil); err == nil {
		t.Error("unknown group ARN accepted")
	}
	// One tag set selects every kind, as the fis_az_blackout fault sends it.
	for _, rt := range []string{FISInstance, FISSubnet, FISASG, FISCluster} {
		if got, _ := w.Resolve(rt, nil, map[string]string{"Environment": "staging"}, nil); len(got) == 0 {
			t.Errorf("%s: Environment=staging selects nothing", rt)
		}
	}
	if got, _ := w.Resolve(FISCluster, []string{ClusterARN(DBClusterID)}, nil, nil); !slices.Equal(got, []string{DBClusterID}) {
		t.Errorf("clusters: %v", got)
	}
	if _, err := w.Resolve(FISInstance, nil, nil, map[string][]string{"Bogus": {"x"}}); err == nil {
		t.Error("unknown filter path accepted")
	}
	if _, err := w.Resolve("aws:dynamodb:global-table", nil, nil, nil); err == nil {
		t.Error("unknown resource type accepted")
	}
	if _, err := w.Resolve(FISInstance, []string{InstanceARN("i-0000000000000000a")}, nil, nil); err == nil {
		t.Error("unknown instance ARN accepted")
	}
	if got, _ := w.Resolve(FISInstance, nil, map[string]string{"Environment": "production"}, nil); len(got) != 0 {
		t.Errorf("tag that matches nothing resolved %v", got)
	}
}

func TestRebootInterruptsServing(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	id := w.Group().Members[0].ID
	if err := w.Reboot([]string{id}); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, w.InstanceURL(id)+"/health"); code != 0 {
		t.Errorf("rebooting instance answered %d", code)
	}
	eventually(t, 4*w.Options().RebootDelay, "instance back after reboot", func() bool {
		code, _, _ := get(t, w.InstanceURL(id)+"/health")
		return code == 200
	})
	if v, _ := w.Instance(id); v.State != StateRunning {
		t.Errorf("rebooted instance is %s", v.State)
	}
}

func TestDisruptionScopesAndEgress(t *testing.T) {
	w := newWorld(t, Options{Instances: 3})
	var pubA string
	for _, s := range w.Subnets() {
		if s.Public && s.AZ == "us-east-1a" {
			pubA = s.ID
		}
	}
	egress := func(az string) int {
		code, _, _ := get(t, w.URL()+"/egress?az="+az)
		return code
	}
	// availability-zone scope on the NAT's subnet: same-AZ egress still works.
	restore, err := w.DisruptConnectivity([]string{pubA}, ScopeAZ)
	if err != nil {
		t.Fatal(err)
	}
	if c := egress("us-east-1a"); c != 200 {
		t.Errorf("egress with the NAT subnet cut from other AZs: %d, want 200", c)
	}
	restore()
	// all scope on the NAT's subnet: the NAT forwards nothing.
	restore, _ = w.DisruptConnectivity([]string{pubA}, ScopeAll)
	if c := egress("us-east-1a"); c != 504 {
		t.Errorf("egress with the NAT subnet fully disrupted: %d, want 504", c)
	}
	if c := egress("us-east-1b"); c != 200 {
		t.Errorf("egress of another AZ: %d, want 200", c)
	}
	restore()
	if c := egress("us-east-1a"); c != 200 {
		t.Errorf("egress after restore: %d, want 200", c)
	}
	if _, err := w.DisruptConnectivity([]string{pubA}, "prefix-list"); err == nil {
		t.Error("an unimplemented scope was accepted")
	}
}
