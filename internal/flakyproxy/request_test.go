package flakyproxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func signed(method, path, service, body string, header map[string]string) *http.Request {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	for k, v := range header {
		r.Header.Set(k, v)
	}
	return r
}

const form = "application/x-www-form-urlencoded; charset=utf-8"

func TestIdentifyNamesActionsAndWhetherTheyMutate(t *testing.T) {
	for _, tc := range []struct {
		r    *http.Request
		want request
	}{
		{signed("POST", "/", "ec2", "Action=DescribeRouteTables&Version=2016-11-15", map[string]string{"Content-Type": form}),
			request{"ec2", "DescribeRouteTables", false, ec2Query}},
		{signed("POST", "/", "ec2", "Action=DeleteRoute&RouteTableId=rtb-1", map[string]string{"Content-Type": form}),
			request{"ec2", "DeleteRoute", true, ec2Query}},
		{signed("POST", "/", "monitoring", "Action=SetAlarmState", map[string]string{"Content-Type": form}),
			request{"cloudwatch", "SetAlarmState", true, awsQuery}},
		{signed("POST", "/", "sts", "Action=GetCallerIdentity", map[string]string{"Content-Type": form}),
			request{"sts", "GetCallerIdentity", false, awsQuery}},
		{signed("POST", "/", "dynamodb", "{}", map[string]string{"X-Amz-Target": "DynamoDB_20120810.PutItem"}),
			request{"dynamodb", "PutItem", true, awsJSON}},
		{signed("GET", "/2013-04-01/healthcheck/abc/status", "route53", "", nil),
			request{"route53", "GetHealthCheckStatus", false, restXML}},
		{signed("POST", "/2013-04-01/healthcheck/abc", "route53", "<x/>", nil),
			request{"route53", "UpdateHealthCheck", true, restXML}},
		{signed("DELETE", "/experiments/EXP1", "fis", "", nil),
			request{"fis", "StopExperiment", true, restJSON}},
		{signed("GET", "/experimentTemplates", "fis", "", nil),
			request{"fis", "ListExperimentTemplates", false, restJSON}},
		{signed("PUT", "/bucket/key", "s3", "data", nil),
			request{"s3", "PUT", true, s3XML}},
		{signed("GET", "/bucket/key", "s3", "", nil),
			request{"s3", "GET", false, s3XML}},
	} {
		got, ok := identify(tc.r)
		if !ok || got != tc.want {
			t.Errorf("%s %s (%s): %+v %v, want %+v", tc.r.Method, tc.r.URL.Path, tc.want.service, got, ok, tc.want)
		}
	}
}

// A form body read to find the Action is still there for the target.
func TestIdentifyLeavesTheBodyForTheTarget(t *testing.T) {
	body := "Action=CreateRoute&RouteTableId=rtb-1"
	r := signed("POST", "/", "ec2", body, map[string]string{"Content-Type": form})
	if _, ok := identify(r); !ok {
		t.Fatal("not identified")
	}
	if b, _ := io.ReadAll(r.Body); string(b) != body {
		t.Errorf("body left %q", b)
	}
}

func TestIdentifyPassesWhatItCannotAnswer(t *testing.T) {
	unsigned := httptest.NewRequest("POST", "/moto-api/reset", nil)
	cbor := signed("POST", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", "monitoring", "", map[string]string{"Smithy-Protocol": "rpc-v2-cbor"})
	unknown := signed("GET", "/", "lambda", "", nil)
	for _, r := range []*http.Request{unsigned, cbor, unknown} {
		if got, ok := identify(r); ok {
			t.Errorf("%s %s identified as %+v", r.Method, r.URL.Path, got)
		}
	}
}
