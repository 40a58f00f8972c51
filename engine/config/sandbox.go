package config

import "github.com/zclconf/go-cty/cty"

// sandboxKey is one address the built-in sandbox publishes under
// `sandbox.<key>`, with the placeholder used when loading without a running
// sandbox (validate, plan). Placeholders are well-formed so that every check
// passes, and point nowhere reachable: nothing is contacted at load time.
type sandboxKey struct {
	Key, Placeholder, Doc string
}

// sandboxKeys is the one list of sandbox addresses; the sandbox fills the
// same keys when it starts. Add new keys here.
func sandboxKeys() []sandboxKey {
	return []sandboxKey{
		{"url", "http://sandbox.invalid:8080", "load balancer base URL of the sandbox application"},
		{"egress_url", "http://sandbox.invalid:8081/egress", "application endpoint that reaches the internet through the NAT gateways"},
		{"canary_write_url", "http://sandbox.invalid:8080/canary/write", "endpoint the http canary writes records to"},
		{"canary_read_url", "http://sandbox.invalid:8080/canary/read", "endpoint the http canary reads records back from"},
		{"dns_server", "127.0.0.1:53", "host:port of the sandbox's Route 53 DNS server"},
		{"dns_name", "app.sandbox.internal", "failover record name served by the sandbox DNS server"},
		{"region", "us-east-1", "region the sandbox pretends to be"},
		{"account_id", "123456789012", "account the sandbox pretends to be"},
		{"asg_name", "sandbox-web", "name of the sandbox Auto Scaling group"},
		{"primary_health_check_id", "00000000-0000-4000-8000-000000000001", "health check of the PRIMARY failover record"},
	}
}

// SandboxKeys returns the keys a sandbox must supply in LoadOptions.Sandbox.
func SandboxKeys() []string {
	ks := sandboxKeys()
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Key
	}
	return out
}

// SandboxPlaceholders returns the values used for `sandbox.*` when
// LoadOptions.Sandbox is nil.
func SandboxPlaceholders() map[string]cty.Value {
	out := map[string]cty.Value{}
	for _, k := range sandboxKeys() {
		out[k.Key] = cty.StringVal(k.Placeholder)
	}
	return out
}
