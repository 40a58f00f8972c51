gameday "metrics" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
  report {
    metrics {
      namespace  = "AWS/EC2"                     # ERROR: Reserved namespace
      dimensions = { Scenario = "x", Team = "a" } # ERROR: Reserved dimension
    }
  }
}
