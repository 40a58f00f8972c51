package measure

import "fmt"

// Availability is the share of conclusive checks that passed during the
// scenario. Inconclusive checks (the probe could not check) are excluded
// from the ratio and counted apart.
type Availability struct {
	Probe        string `json:"probe"`
	Passes       int    `json:"passes"`
	Failures     int    `json:"failures"`
	Inconclusive int    `json:"inconclusive"`
	// Ratio is Passes / (Passes + Failures), 0..1; meaningless unless
	// Status is Measured.
	Ratio  float64 `json:"ratio"`
	Status Status  `json:"status"`
	Reason string  `json:"reason,omitempty"`
}

// Percent is Ratio in percent.
func (a Availability) Percent() float64 { return a.Ratio * 100 }

// String renders "99.50 % (199/200 checks, 3 inconclusive)".
func (a Availability) String() string {
	if a.Status != Measured {
		return "not measured: " + a.Reason
	}
	s := fmt.Sprintf("%.2f %% (%d/%d checks", a.Percent(), a.Passes, a.Passes+a.Failures)
	if a.Inconclusive > 0 {
		s += fmt.Sprintf(", %d inconclusive", a.Inconclusive)
	}
	return s + ")"
}

func measureAvailability(cs []check, probe string) Availability {
	a := Availability{Probe: probe}
	for _, c := range cs {
		switch {
		case c.Inconclusive:
			a.Inconclusive++
		case c.OK:
			a.Passes++
		default:
			a.Failures++
		}
	}
	if n := a.Passes + a.Failures; n > 0 {
		a.Ratio = float64(a.Passes) / float64(n)
		a.Status = Measured
	} else {
		a.Status = NotMeasured
		a.Reason = fmt.Sprintf("probe %q made no conclusive check", probe)
	}
	return a
}
