package config_test

import (
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
)

// Flags and state URLs are held to the regions a game-day file may name.
func TestCheckRegion(t *testing.T) {
	for _, ok := range []string{"us-east-1", "eu-west-3", "us-gov-west-1", "cn-north-1"} {
		if err := config.CheckRegion(ok); err != nil {
			t.Errorf("CheckRegion(%q) = %v", ok, err)
		}
	}
	err := config.CheckRegion("us-east-7")
	if err == nil || !strings.Contains(err.Error(), `"us-east-7" is not an AWS region`) || !strings.Contains(err.Error(), `Did you mean "us-east-1"?`) {
		t.Errorf("CheckRegion(us-east-7) = %v, want a refusal with a suggestion", err)
	}
	if err := config.CheckRegion(""); err == nil {
		t.Error("CheckRegion accepted an empty name")
	}
}
