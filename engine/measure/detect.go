package measure

import (
	"fmt"
	"slices"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// AlarmState is the CloudWatch state that counts as detection.
const AlarmState = "ALARM"

// Detection is when the monitoring noticed the fault.
type Detection struct {
	// Alarms are the detection alarms watched (empty: any alarm).
	Alarms []string `json:"alarms,omitempty"`
	// Alarm is the alarm that went to ALARM first after the injection.
	Alarm string `json:"alarm,omitempty"`
	// At is its StateUpdatedTimestamp.
	At *time.Time `json:"at,omitempty"`
	// TTD is At - injected_at.
	TTD Duration `json:"time_to_detect"`
}

// measureDetection finds the first transition to ALARM of a detection alarm
// at or after the injection. res is the alarm period or poll interval.
func measureDetection(events []engine.Event, alarms []string, injected *time.Time, res time.Duration) Detection {
	d := Detection{Alarms: alarms}
	if injected == nil {
		d.TTD = notMeasured(res, "no fault was injected")
		return d
	}
	for _, e := range events {
		if e.Type != engine.EvAlarm || e.Value != AlarmState || e.At.Before(*injected) {
			continue
		}
		if len(alarms) > 0 && !slices.Contains(alarms, e.Source) {
			continue
		}
		d.Alarm, d.At = e.Source, ptr(e.At)
		d.TTD = measured(e.At.Sub(*injected), res)
		return d
	}
	if len(alarms) == 0 {
		d.TTD = notMeasured(res, "no alarm went to ALARM after the injection")
	} else {
		d.TTD = notMeasured(res, fmt.Sprintf("none of the detection alarms %v went to ALARM after the injection", alarms))
	}
	return d
}
