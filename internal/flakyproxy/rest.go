package flakyproxy

import "regexp"

// route names a REST operation by method and path, as the SDK's
// serializers write them (paths from the Route 53 and FIS API models).
type route struct {
	method string
	path   *regexp.Regexp
	op     string
}

func on(method, path, op string) route { return route{method, regexp.MustCompile(path), op} }

// restRoutes covers the REST operations gameday calls and those its tests
// set moto up with; other routes are named by their method.
var restRoutes = map[string][]route{
	"route53": {
		on("GET", `^/2013-04-01/healthcheck/?$`, "ListHealthChecks"),
		on("POST", `^/2013-04-01/healthcheck/?$`, "CreateHealthCheck"),
		on("GET", `^/2013-04-01/healthcheck/[^/]+/status$`, "GetHealthCheckStatus"),
		on("GET", `^/2013-04-01/healthcheck/[^/]+$`, "GetHealthCheck"),
		on("POST", `^/2013-04-01/healthcheck/[^/]+$`, "UpdateHealthCheck"),
		on("DELETE", `^/2013-04-01/healthcheck/[^/]+$`, "DeleteHealthCheck"),
		on("GET", `^/2013-04-01/hostedzone/[^/]+/rrset/?$`, "ListResourceRecordSets"),
		on("POST", `^/2013-04-01/hostedzone/[^/]+/rrset/?$`, "ChangeResourceRecordSets"),
		on("GET", `^/2013-04-01/tags/[^/]+/[^/]+$`, "ListTagsForResource"),
		on("POST", `^/2013-04-01/tags/[^/]+/[^/]+$`, "ChangeTagsForResource"),
	},
	"fis": {
		on("GET", `^/experimentTemplates/?$`, "ListExperimentTemplates"),
		on("POST", `^/experimentTemplates/?$`, "CreateExperimentTemplate"),
		on("GET", `^/experimentTemplates/[^/]+$`, "GetExperimentTemplate"),
		on("DELETE", `^/experimentTemplates/[^/]+$`, "DeleteExperimentTemplate"),
		on("GET", `^/experiments/?$`, "ListExperiments"),
		on("POST", `^/experiments/?$`, "StartExperiment"),
		on("GET", `^/experiments/[^/]+$`, "GetExperiment"),
		on("DELETE", `^/experiments/[^/]+$`, "StopExperiment"),
	},
}

// restOperation names the operation of a REST request of service.
func restOperation(service, method, path string) (string, bool) {
	for _, rt := range restRoutes[service] {
		if rt.method == method && rt.path.MatchString(path) {
			return rt.op, true
		}
	}
	return "", false
}
