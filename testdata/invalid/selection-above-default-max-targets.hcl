# Without a guard, every fault is capped at the default max_targets (10).
gameday "no-guard" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg   = "web"
        count = 11 # ERROR: Selection above max_targets
      }
    }
  }
}
