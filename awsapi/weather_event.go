package awsapi

import "strconv"

// WeatherEvent says, as it happens, that an action's tries are failing in
// a way a retry may cure, for progress to print.
type WeatherEvent struct {
	Action   string   // "ec2:DescribeInstances"
	Stats    APIStats // the action's figures when the event was sent
	Code     string   // the failed try's error code (see errorKey)
	Throttle bool     // the try was throttled
	Server   bool     // the try was answered with a 5xx (not a throttle)
}

// String is the progress line: "AWS is throttling ec2:DescribeInstances
// (12 of 41 calls; 15 retries, 2 calls waiting)".
func (e WeatherEvent) String() string {
	s := e.Stats
	var what string
	var n int
	switch {
	case e.Throttle:
		what, n = "AWS is throttling "+e.Action, s.Throttled
	case e.Server:
		what, n = "AWS answers 5xx to "+e.Action, s.ServerErrors
	default:
		what, n = e.Action+" fails: "+e.Code, s.Errors[e.Code]
	}
	return what + " (" + itoa(n) + " of " + plural(s.Calls, "call") + "; " +
		plural(s.Retries, "retry") + ", " + plural(s.Waiting, "call") + " waiting)"
}

func itoa(n int) string { return strconv.Itoa(n) }

// plural is "1 call", "2 calls", "1 retry", "3 retries".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "retry" {
		return itoa(n) + " retries"
	}
	return itoa(n) + " " + noun + "s"
}
