gameday "select" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        tags = {}    # ERROR: Empty map
        all  = false # ERROR: Invalid value
      }
    }
  }
  scenario "two" {
    fault "nat_route_removal" "n" {
      subnet_ids = [] # ERROR: Empty list
      duration   = "1m"
    }
  }
}
