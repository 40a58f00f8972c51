//go:build conformance

package faults

import "testing"

// TestConformance drives each fault through the real SDK clients against
// one moto_server, reset between faults.
func TestConformance(t *testing.T) {
	m := startMoto(t)
	for _, tc := range []struct {
		name string
		run  func(*testing.T, *motoServer)
	}{
		{"ec2_kill", conformanceEC2Kill},
		{"nat_route_removal", conformanceNATRoute},
		{"route53_health_flip", conformanceR53Flip},
		{"fis_template_in_moto", conformanceFISTemplateMoto},
		{"fis_scan_without_list_templates", conformanceFISScanMoto},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m.reset(t)
			tc.run(t, m)
		})
	}
}
