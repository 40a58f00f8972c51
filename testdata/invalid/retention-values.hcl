gameday "retention-values" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
  retention {
    keep = 0 # ERROR: Value out of range
  }
  retention { # ERROR: Duplicate retention block
    keep = 3
  }
}
