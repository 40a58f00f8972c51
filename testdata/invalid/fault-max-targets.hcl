gameday "targets" {
  guard {
    max_targets = 2
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action      = "terminate"
      max_targets = 5 # ERROR: Fault max_targets above guard
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
