package state_test

import (
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/state"
)

func TestCheckBucket(t *testing.T) {
	for _, ok := range []string{"abc", "acme-gameday-state", "my.bucket.2024", strings.Repeat("a", 63)} {
		if err := state.CheckBucket(ok); err != nil {
			t.Errorf("CheckBucket(%q) = %v, want accepted", ok, err)
		}
	}
	for bad, says := range map[string]string{
		"b":                     "3 to 63",
		strings.Repeat("a", 64): "3 to 63",
		"My-Bucket":             "lowercase",
		"my_bucket":             "lowercase",
		"-bucket":               "start and end",
		"bucket.":               "start and end",
		"my..bucket":            "two dots",
		"192.168.5.4":           "IP address",
		"xn--bucket":            "reserves",
		"sthree-bucket":         "reserves",
	} {
		err := state.CheckBucket(bad)
		if err == nil || !strings.Contains(err.Error(), says) || !strings.Contains(err.Error(), bad) {
			t.Errorf("CheckBucket(%q) = %v, want an error naming it and saying %q", bad, err, says)
		}
	}
}

// A state URL is refused at parse time when S3 could never hold it, or
// when it asks for a region and names none.
func TestParseRefusesBadS3Locations(t *testing.T) {
	for raw, says := range map[string]string{
		"s3://Team_State/p":    "lowercase",
		"s3://ab/p":            "3 to 63",
		"s3://bucket/p?region": "names no region",
	} {
		_, err := state.Parse(raw)
		if err == nil || !strings.Contains(err.Error(), says) || !strings.Contains(err.Error(), raw) {
			t.Errorf("Parse(%q) = %v, want an error naming it and saying %q", raw, err, says)
		}
	}
}
