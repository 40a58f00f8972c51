package cwmetrics

import (
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Metric names. Durations are in seconds (Unit Seconds), availability in
// percent, lost writes and leftovers as counts, verdicts as 1 (met) or 0
// (missed), and only for those two outcomes.
const (
	MetricRTO          = "RTO"
	MetricTimeToDetect = "TimeToDetect"
	MetricRPO          = "RPO"
	MetricFailback     = "Failback"
	MetricAvailability = "Availability"
	MetricLostWrites   = "LostWrites"
	MetricVerdict      = "Verdict"
	// MetricLeftovers is per game day (no Scenario dimension): batches a
	// run could not revert. Worth an alarm of its own.
	MetricLeftovers = "Leftovers"
)

// Dimension names gameday sets itself (config.MetricsBuiltinDimensions).
const (
	DimGameDay  = "GameDay"
	DimScenario = "Scenario"
)

// Datums builds the data points of one run: per scenario that was
// measured, the figures that are known, with dimensions GameDay, Scenario
// and the extra ones; per game day, the overall verdict and the leftover
// count (dimension GameDay and the extra ones). A verdict is sent only for
// an outcome that judged objectives, met (1) or missed or regressed (0); the game day's
// is 1 only when met with nothing left unreverted. A figure that is only a
// bound or not measured is left out, and so is every figure of an aborted
// scenario or one whose fault had no effect (see the package
// documentation).
func Datums(rec *record.Record, extra map[string]string) []types.MetricDatum {
	var out []types.MetricDatum
	name := rec.GameDay.Name
	runAt := stamp(rec.Run.Finished.Time, rec.Run.Started.Time)
	base := dimensions(name, "", extra)
	measured := 0
	for i := range rec.Scenarios {
		sc := &rec.Scenarios[i]
		m := sc.Measure
		if m == nil {
			continue // skipped or not reached: nothing was measured
		}
		measured++
		if m.Partial() || !m.Judged() {
			continue // partial figures, or nothing tested: see the package doc
		}
		at := runAt
		if sc.Ended != nil {
			at = stamp(sc.Ended.Time, runAt)
		}
		dims := dimensions(name, sc.Name, extra)
		add := func(metric string, value float64, unit types.StandardUnit) {
			out = append(out, types.MetricDatum{
				MetricName: aws.String(metric), Dimensions: dims, Timestamp: aws.Time(at),
				Value: aws.Float64(value), Unit: unit,
			})
		}
		seconds := func(metric string, f record.Figure) {
			if f.Known() {
				add(metric, time.Duration(f.ValueNS).Seconds(), types.StandardUnitSeconds)
			}
		}
		seconds(MetricRTO, m.Recovery.RTO)
		seconds(MetricTimeToDetect, m.Detection.TTD)
		seconds(MetricRPO, m.Data.RPO)
		seconds(MetricFailback, m.Failback.Time)
		if m.Availability.Status == string(measure.Measured) {
			add(MetricAvailability, m.Availability.Ratio*100, types.StandardUnitPercent)
		}
		// Lost writes are a figure only when the canaries' read-back
		// worked; with no canary there is nothing to count.
		if len(m.Data.Canaries) > 0 && m.Data.RPO.Known() {
			add(MetricLostWrites, float64(m.Data.Lost), types.StandardUnitCount)
		}
		// Observed (no objectives) has no verdict to trend.
		if judged(m.Verdict.Outcome) {
			add(MetricVerdict, boolValue(m.Verdict.Outcome == record.OutcomeMet), types.StandardUnitNone)
		}
	}
	if measured > 0 && judged(rec.Verdict.Outcome) {
		met := rec.Verdict.Outcome == record.OutcomeMet && len(rec.Leftovers) == 0
		out = append(out, types.MetricDatum{
			MetricName: aws.String(MetricVerdict), Dimensions: base, Timestamp: aws.Time(runAt),
			Value: aws.Float64(boolValue(met)), Unit: types.StandardUnitNone,
		})
	}
	out = append(out, types.MetricDatum{
		MetricName: aws.String(MetricLeftovers), Dimensions: base, Timestamp: aws.Time(runAt),
		Value: aws.Float64(float64(len(rec.Leftovers))), Unit: types.StandardUnitCount,
	})
	return out
}

// judged reports whether an outcome judged objectives: only those are a
// verdict a trend can show (an abort, an observation or a fault without
// effect is neither a 1 nor a 0). A regression judged the baseline
// objective and it did not hold: 0, like a miss.
func judged(outcome string) bool {
	return outcome == record.OutcomeMet || outcome == record.OutcomeMissed || outcome == record.OutcomeRegressed
}

// dimensions lists GameDay, Scenario (when not empty) and the extra ones in
// name order, so that the same run always produces the same request.
func dimensions(gameday, scenario string, extra map[string]string) []types.Dimension {
	dims := []types.Dimension{{Name: aws.String(DimGameDay), Value: aws.String(gameday)}}
	if scenario != "" {
		dims = append(dims, types.Dimension{Name: aws.String(DimScenario), Value: aws.String(scenario)})
	}
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		dims = append(dims, types.Dimension{Name: aws.String(k), Value: aws.String(extra[k])})
	}
	return dims
}

func stamp(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
