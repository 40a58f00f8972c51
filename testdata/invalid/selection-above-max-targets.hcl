# A selection that always names more instances than one fault may touch is
# refused by validate, not only by plan or run.
gameday "too-many" {
  guard {
    max_targets = 3
  }
  scenario "count" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg   = "web"
        count = 4 # ERROR: Selection above max_targets
      }
    }
  }
  scenario "fault-limit" {
    fault "ec2_kill" "web" {
      action      = "reboot"
      max_targets = 2
      select {
        asg   = "web"
        count = 3 # ERROR: Selection above max_targets
      }
    }
  }
  scenario "ids" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0000000a", "i-0000000b", "i-0000000c", "i-0000000d"] # ERROR: Selection above max_targets
      }
    }
  }
  scenario "within" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg   = "web"
        count = 3
      }
    }
  }
}
