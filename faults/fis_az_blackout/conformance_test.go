//go:build conformance

package fisaz

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/faulttest"
)

// The kind through the real SDK clients against moto_server on loopback.
func TestConformanceFISTemplateInMoto(t *testing.T) {
	conformanceFISTemplateMoto(t, faulttest.StartMoto(t))
}

func TestConformanceFISScanWithoutListTemplates(t *testing.T) {
	conformanceFISScanMoto(t, faulttest.StartMoto(t))
}
