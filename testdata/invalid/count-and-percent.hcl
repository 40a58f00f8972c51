gameday "sizes" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg     = "web"
        count   = 1
        percent = 10 # ERROR: Conflicting arguments
      }
    }
  }
}
