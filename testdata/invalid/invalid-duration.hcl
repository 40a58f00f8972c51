gameday "durations" {
  probe "http" "web" {
    url      = "https://example.com"
    interval = "5 seconds" # ERROR: Invalid duration
    timeout  = "-1s"       # ERROR: Invalid duration
  }
  scenario "one" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "0s" # ERROR: Invalid duration
    }
  }
}
