package console

import (
	"fmt"
	"io"
	"strings"

	"github.com/gameday-dev/gameday/reporters/record"
)

// writeWeather prints one line on how the AWS API behaved, when it
// throttled or failed: a slow or aborted run must say why in figures.
func writeWeather(w io.Writer, api map[string]record.APIStats) {
	total, weathered := record.APITotals(api)
	if len(weathered) == 0 {
		return
	}
	var worst []string
	for _, a := range weathered[:min(3, len(weathered))] {
		s := api[a]
		worst = append(worst, fmt.Sprintf("%s %d throttled, %d 5xx", a, s.Throttled, s.ServerErrors))
	}
	fmt.Fprintf(w, "AWS API: %d calls, %d throttled, %d 5xx, %d retries, %d failed after retries; most affected: %s\n",
		total.Calls, total.Throttled, total.ServerErrors, total.Retries, total.Failed, strings.Join(worst, "; "))
}
