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
      namespace = ""                 # ERROR: Invalid namespace
      dimensions = { ":team" = "a" } # ERROR: Invalid dimension
    }
    metrics { # ERROR: Duplicate metrics block
    }
  }
}
