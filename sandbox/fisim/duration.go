package fisim

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var isoDuration = regexp.MustCompile(`^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$`)

// parseDuration reads the ISO-8601 time durations FIS uses (PT1M, PT1H30M,
// PT5S; the sandbox also accepts fractional seconds such as PT0.2S).
func parseDuration(s string) (time.Duration, error) {
	m := isoDuration.FindStringSubmatch(s)
	if m == nil || s == "PT" {
		return 0, fmt.Errorf("duration %q is not an ISO-8601 duration such as PT5S or PT1M", s)
	}
	var d time.Duration
	if m[1] != "" {
		h, _ := strconv.Atoi(m[1])
		d += time.Duration(h) * time.Hour
	}
	if m[2] != "" {
		mi, _ := strconv.Atoi(m[2])
		d += time.Duration(mi) * time.Minute
	}
	if m[3] != "" {
		sec, _ := strconv.ParseFloat(m[3], 64)
		d += time.Duration(sec * float64(time.Second))
	}
	if d > 12*time.Hour {
		return 0, fmt.Errorf("duration %q exceeds FIS's 12 hour maximum", s)
	}
	return d, nil
}
