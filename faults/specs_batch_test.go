package faults

import (
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
)

func TestEC2KillSpecCarriesBatchSizeAndForce(t *testing.T) {
	got, err := ec2KillSpecOf(&config.EC2Kill{Action: "stop", BatchSize: 50, Force: true, Select: config.EC2Selector{ASG: "web", Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if got.BatchSize != 50 || !got.Force {
		t.Errorf("spec %+v lost batch_size or force", got)
	}
}
