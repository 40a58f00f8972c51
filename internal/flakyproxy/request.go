package flakyproxy

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/gameday-dev/gameday/awsapi"
)

// protocol is how a service's requests and errors are written.
type protocol int

const (
	ec2Query protocol = iota // form-encoded Action; <Response><Errors>
	awsQuery                 // form-encoded Action; <ErrorResponse>
	awsJSON                  // X-Amz-Target; {"__type": ...}
	restJSON                 // method and path; X-Amzn-ErrorType
	restXML                  // method and path; <ErrorResponse>
	s3XML                    // method and path; <Error>
)

// request is what the proxy knows of a request.
type request struct {
	service  string // IAM prefix: "ec2", "cloudwatch"
	op       string // "DescribeInstances"; METHOD for an unknown REST route
	mutating bool
	proto    protocol
}

// signingNames maps the SigV4 signing names that differ from the IAM
// prefixes gameday's actions use.
var signingNames = map[string]string{"monitoring": "cloudwatch"}

// identify names the request's service, operation and protocol; ok is false
// for a request it cannot name or answer for. A form body is read and put
// back for the target.
func identify(r *http.Request) (req request, ok bool) {
	req.service = signedService(r.Header.Get("Authorization"))
	if n, renamed := signingNames[req.service]; renamed {
		req.service = n
	}
	if req.service == "" || r.Header.Get("Smithy-Protocol") != "" {
		return req, false // unsigned, or RPCv2 CBOR: no error body to write
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		_, req.op, _ = strings.Cut(target, ".")
		req.proto = awsJSON
	} else if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		req.op = formAction(r)
		req.proto = awsQuery
		if req.service == "ec2" {
			req.proto = ec2Query
		}
	} else {
		return restRequest(req, r)
	}
	if req.op == "" {
		return req, false
	}
	req.mutating = awsapi.Mutating(req.service, req.op)
	return req, true
}

// restRequest names a REST request by its route.
func restRequest(req request, r *http.Request) (request, bool) {
	switch req.service {
	case "route53":
		req.proto = restXML
	case "s3":
		req.proto = s3XML
	case "fis":
		req.proto = restJSON
	default:
		return req, false
	}
	if op, known := restOperation(req.service, r.Method, r.URL.Path); known {
		req.op, req.mutating = op, awsapi.Mutating(req.service, op)
		return req, true
	}
	req.op = r.Method
	req.mutating = r.Method != http.MethodGet && r.Method != http.MethodHead
	return req, true
}

// signedService is the service of a SigV4 Authorization header's
// credential scope (".../REGION/SERVICE/aws4_request"); "" when unsigned.
func signedService(auth string) string {
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) < 3 {
		return ""
	}
	return parts[len(parts)-2]
}

// formAction reads the Action of a form body and leaves the body for the
// target to read again.
func formAction(r *http.Request) string {
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return ""
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return ""
	}
	return form.Get("Action")
}
