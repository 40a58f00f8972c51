gameday "long" {
  stop_when "max_duration" "cap" {
    duration = "10m"
  }
  scenario "one" {
    fault "nat_route_removal" "a" { # ERROR: Fault outlasts max_duration
      az          = "us-east-1a"
      start_after = "5m"
      duration    = "6m"
    }
  }
}
