// Package cwmetrics publishes a run's measured figures as CloudWatch custom
// metrics, so that dashboards can show how recovery evolves from one game
// day to the next (RTO of "az-blackout" this quarter against the last).
//
// Only figures that were measured are published: a lower bound ("> 5m")
// or a figure that could not be measured would draw a wrong point on a
// trend line, so it is left out rather than sent as a number. For the same
// reason a scenario's outcome decides what it sends:
//
//   - met, missed: its figures, and Verdict 1 or 0;
//   - observed (no objectives): its figures, no Verdict;
//   - aborted: nothing (its figures are partial, measured up to the abort,
//     and a metric cannot carry that label; the record keeps them);
//   - no effect: nothing (the fault changed nothing, so its "no impact"
//     figures would trend as a perfect recovery).
//
// The game day's Verdict follows its outcome the same way: 1 when met with
// nothing left unreverted, 0 when missed (or met with leftovers), none
// when aborted, observed or without effect. Leftovers is always sent.
package cwmetrics
