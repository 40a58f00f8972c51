package command

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// Accepted ranges of numeric flags, stated in their usage and in the errors
// that refuse them.
const (
	// maxAttemptsLimit bounds --max-attempts: the SDK backs off up to 20 s
	// between attempts, so ten already hold one call for minutes, longer
	// than the faults whose timing the run measures.
	maxAttemptsLimit = 10
	// minLockTTL and maxLockTTL bound --lock-ttl: the lease is renewed every
	// third of it, which a shorter lease cannot survive on a slow state
	// write; a longer one keeps the game day locked for a day after a
	// crash.
	minLockTTL   = time.Second
	maxLockTTL   = 24 * time.Hour
	lockTTLRange = "1s to 24h"
)

// refuseFlags prints every problem found in a verb's flags, one a line, and
// returns engine.ExitInvalid; nil when there is none. Flags are checked before the
// verb starts anything, so all of them are reported at once.
func refuseFlags(f *Factory, verb string, problems []error) error {
	if len(problems) == 0 {
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(f.IO.ErrOut, "gameday %s: %v\n", verb, p)
	}
	fmt.Fprintf(f.IO.ErrOut, "Nothing was touched. Run \"gameday %s --help\" for usage.\n", verb)
	return Silent(engine.ExitInvalid)
}

// check refuses a lease out of range: cli.DurationFlag accepts any
// duration, and the lock would turn zero or a negative one into its default
// without a word.
func (l *LockFlags) check() []error {
	if l.TTL < minLockTTL || l.TTL > maxLockTTL {
		return []error{fmt.Errorf("--lock-ttl %v is out of range: give a lease from %s", l.TTL, lockTTLRange)}
	}
	return nil
}

// checkAtLeastOne refuses a count flag below 1.
func checkAtLeastOne(name string, n int) []error {
	if n < 1 {
		return []error{fmt.Errorf("--%s %d is out of range: give 1 or more", name, n)}
	}
	return nil
}

// checkListenAddr refuses a --status-addr that is not HOST:PORT, before
// the scheduler starts rather than when it binds.
func checkListenAddr(name, addr string) []error {
	if addr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(addr)
	if err == nil {
		var n int
		if n, err = strconv.Atoi(port); err == nil && (n < 0 || n > 65535) {
			err = fmt.Errorf("port %d is not 0 to 65535", n)
		}
	}
	if err != nil {
		return []error{fmt.Errorf("--%s %q is not HOST:PORT, such as 127.0.0.1:9467 (%v)", name, addr, err)}
	}
	return nil
}
