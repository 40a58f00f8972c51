package ec2kill

import (
	"testing"
)

func TestEC2KillSpecCarriesBatchSizeAndForce(t *testing.T) {
	got, err := specOf(&Config{Action: "stop", BatchSize: 50, Force: true, Select: Selector{ASG: "web", Count: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if got.BatchSize != 50 || !got.Force {
		t.Errorf("spec %+v lost batch_size or force", got)
	}
}
