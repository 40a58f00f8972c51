package flakyproxy

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"

	"github.com/gameday-dev/gameday/awsapi"
)

// requestID marks the proxy's answers, for whoever reads a log.
const requestID = "gameday-flaky-proxy"

// writeError answers req with an AWS error in its protocol's format, the
// one the SDK's error deserializers read the code from.
func writeError(w http.ResponseWriter, req request, a awsapi.Answer) {
	status, code, msg := a.Status, a.Code, a.Message
	var body string
	h := w.Header()
	switch req.proto {
	case ec2Query:
		h.Set("Content-Type", "text/xml;charset=UTF-8")
		body = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
			`<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>`,
			esc(code), esc(msg), requestID)
	case awsQuery, restXML:
		h.Set("Content-Type", "text/xml")
		body = fmt.Sprintf(`<ErrorResponse><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`,
			party(status), esc(code), esc(msg), requestID)
	case s3XML:
		h.Set("Content-Type", "application/xml")
		body = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
			`<Error><Code>%s</Code><Message>%s</Message><RequestId>%s</RequestId></Error>`, esc(code), esc(msg), requestID)
	case awsJSON:
		h.Set("Content-Type", "application/x-amz-json-1.0")
		h.Set("X-Amzn-ErrorType", code)
		body = jsonBody(map[string]string{"__type": code, "message": msg})
	case restJSON:
		h.Set("Content-Type", "application/json")
		h.Set("X-Amzn-ErrorType", code)
		body = jsonBody(map[string]string{"message": msg})
	}
	h.Set("X-Amzn-RequestId", requestID)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// party is the query protocol's error Type: whose fault it was.
func party(status int) string {
	if status >= 500 {
		return "Receiver"
	}
	return "Sender"
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func jsonBody(v map[string]string) string {
	b, _ := json.Marshal(v)
	return string(b)
}
