package measure

import (
	"fmt"
	"time"
)

// BudgetMonth is the month error budgets are counted over: 30 days, which
// gives the usual 43.2 minutes for 99.9 % and 4.32 minutes for 99.99 %.
const BudgetMonth = 30 * 24 * time.Hour

// MonthlyBudget is the downtime an SLA (percent) allows per month.
func MonthlyBudget(sla float64) time.Duration {
	// Rounded to the millisecond: (100-99.9)/100 is not exact in floating
	// point, and 43m11.999999999s helps nobody.
	return time.Duration((100 - sla) / 100 * float64(BudgetMonth)).Round(time.Millisecond)
}

// Budget is the share of a month's error budget the scenario's downtime
// burnt.
type Budget struct {
	SLA     float64       `json:"sla"`
	Monthly time.Duration `json:"monthly_ns"`
	// Downtime is the scenario's downtime (sum of failed-check spans).
	Downtime Duration `json:"downtime"`
	// Burn is Downtime / Monthly (1 = the whole month's budget); meaningless
	// unless Downtime is known.
	Burn float64 `json:"burn"`
}

// String renders "12.5 % of the 99.9 % monthly budget (43m12s)".
func (b Budget) String() string {
	if !b.Downtime.Known() {
		return "not measured: downtime " + b.Downtime.String()
	}
	return fmt.Sprintf("%.1f %% of the %g %% monthly budget (%s)", b.Burn*100, b.SLA, b.Monthly)
}

func measureBudget(downtime Duration, sla float64) Budget {
	b := Budget{SLA: sla, Monthly: MonthlyBudget(sla), Downtime: downtime}
	if downtime.Known() && b.Monthly > 0 {
		b.Burn = float64(downtime.Value) / float64(b.Monthly)
	}
	return b
}
