package record

import (
	"sort"

	"github.com/gameday-dev/gameday/awsapi"
)

// APIStats is one AWS action's calls during the run, so that a run slowed
// or aborted by throttling says so with figures.
type APIStats struct {
	Calls        int `json:"calls"`
	Throttled    int `json:"throttled"`
	ServerErrors int `json:"server_errors"`
	Retries      int `json:"retries"`
	// Failed are calls that failed after every retry.
	Failed int `json:"failed"`
}

// APIOf copies the runner's per-action counts (nil when there are none).
func APIOf(m map[string]awsapi.APIStats) map[string]APIStats {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]APIStats, len(m))
	for k, s := range m {
		out[k] = APIStats{Calls: s.Calls, Throttled: s.Throttled, ServerErrors: s.ServerErrors, Retries: s.Retries, Failed: s.Failed}
	}
	return out
}

// APITotals sums the per-action counts and lists the actions that were
// throttled or answered 5xx, busiest first.
func APITotals(m map[string]APIStats) (total APIStats, weathered []string) {
	for k, s := range m {
		total.Calls += s.Calls
		total.Throttled += s.Throttled
		total.ServerErrors += s.ServerErrors
		total.Retries += s.Retries
		total.Failed += s.Failed
		if s.Throttled+s.ServerErrors > 0 {
			weathered = append(weathered, k)
		}
	}
	sort.Slice(weathered, func(i, j int) bool {
		a, b := m[weathered[i]], m[weathered[j]]
		if x, y := a.Throttled+a.ServerErrors, b.Throttled+b.ServerErrors; x != y {
			return x > y
		}
		return weathered[i] < weathered[j]
	})
	return total, weathered
}
