gameday "durations" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action   = "terminate"
      duration = "5m" # ERROR: Duration not applicable
      select {
        asg   = "web"
        count = 1
      }
    }
  }
  scenario "two" {
    fault "ec2_kill" "web" { # ERROR: Missing duration
      action = "stop"
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
