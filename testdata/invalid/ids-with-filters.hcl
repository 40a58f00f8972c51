gameday "ids" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        ids   = ["i-0123456789abcdef0"]
        asg   = "web" # ERROR: Conflicting arguments
        count = 1     # ERROR: Conflicting arguments
      }
    }
  }
}
