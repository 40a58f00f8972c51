package config

import "testing"

func TestProbeConnectionAndResolverOptions(t *testing.T) {
	src := `
gameday "g" {
  probe "http" "fresh" {
    url              = "http://127.0.0.1:8080/health"
    fresh_connection = true
  }
  probe "dns" "stub" {
    name              = "app.example.test"
    resolver          = "127.0.0.1:5353"
    on_resolver_error = "inconclusive"
  }
  probe "dns" "default" {
    name     = "app.example.test"
    resolver = "127.0.0.1:5353"
  }
  scenario "s" {
    fault "test_fault" "p" {}
  }
}
`
	gd, diags := NewLoader(LoadOptions{Registry: testRegistry()}).LoadSource("p.hcl", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !gd.Probes[0].Spec.(*HTTPProbe).FreshConnection {
		t.Error("fresh_connection = true was not decoded")
	}
	if got := gd.Probes[1].Spec.(*DNSProbe).OnResolverError; got != "inconclusive" {
		t.Errorf("on_resolver_error = %q, want inconclusive", got)
	}
	if got := gd.Probes[2].Spec.(*DNSProbe).OnResolverError; got != "fail" {
		t.Errorf("default on_resolver_error = %q, want fail", got)
	}
	_, diags = NewLoader(LoadOptions{Registry: testRegistry()}).LoadSource("p.hcl", []byte(`
gameday "g" {
  probe "dns" "x" {
    name = "a.test"
    on_resolver_error = "ignore"
  }
  scenario "s" {
    fault "test_fault" "p" {}
  }
}`))
	if !diags.HasErrors() {
		t.Error("an unknown on_resolver_error value was accepted")
	}
}
