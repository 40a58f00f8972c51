# All three stop conditions.
gameday "stops" {
  stop_when "cloudwatch_alarm" "slo" {
    alarms        = ["checkout-5xx", "checkout-p99", "composite-slo"]
    poll_interval = "2s"
  }

  stop_when "probe_budget" "checkout" {
    probe             = probe.http.checkout
    max_failure_ratio = 0.25
    window            = "2m"
  }

  stop_when "max_duration" "budget" {
    duration = "30m"
  }

  probe "http" "checkout" {
    url  = "https://staging.example.com/health"
    mode = "during_faults"
  }

  scenario "az" {
    fault "nat_route_removal" "a" {
      az          = "us-east-1a"
      start_after = "1m"
      duration    = "10m"
    }
  }
}
