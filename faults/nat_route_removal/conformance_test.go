//go:build conformance

package natroute

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind through the real SDK clients against moto_server on loopback.
func TestConformanceNATRoute(t *testing.T) { conformanceNATRoute(t, faulttest.StartMoto(t)) }
