//go:build conformance

package r53flip

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind through the real SDK clients against moto_server on loopback.
func TestConformanceR53Flip(t *testing.T) { conformanceR53Flip(t, faulttest.StartMoto(t)) }
