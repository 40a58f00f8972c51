// Package probing runs a game day's probes: the Scheduler checks each probe
// on its own interval with its own timeout, delivers every check to an
// observer in the order the probe's checks started, and establishes steady
// state (n passes in a row). It is the engine's machinery; the probe kinds
// themselves (http, tcp, dns, ...) are in package probes and reach the
// runner through its probe registry (engine.ProbeKinds).
//
// Typical use by the runner:
//
//	var entries []probing.Entry
//	for _, p := range gameday.Probes {      // *config.Probe from the loader
//		probe, err := kinds[p.Kind].New(p.Spec, env)
//		...
//		entries = append(entries, probing.EntryOf(p, probe))
//	}
//	s, err := probing.NewScheduler(entries, probing.Options{Observer: sink})
//	st, err := s.SteadyState(ctx, warmup, 3) // preflight: n passes in a row
//	s.Start(ctx)                             // continuous probes
//	s.SetDuringFaults(true)                  // first injection
//	...
//	s.SetDuringFaults(false)                 // last revert verified
//	s.Stop()
package probing
