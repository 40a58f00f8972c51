gameday "objectives" {
  probe "http" "a" {
    url = "https://example.com/a"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      rto                   = "2 minutes" # ERROR: Invalid duration
      min_availability      = "120%"      # ERROR: Value out of range
      consecutive_successes = 0           # ERROR: Value out of range
    }
  }
  scenario "two" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      min_availability = 99.9 # ERROR: Value out of range
    }
  }
}
