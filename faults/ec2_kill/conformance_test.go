//go:build conformance

package ec2kill

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind through the real SDK clients against moto_server on loopback.
func TestConformanceEC2Kill(t *testing.T) { conformanceEC2Kill(t, faulttest.StartMoto(t)) }
