gameday "ranges" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg     = "web"
        percent = 150 # ERROR: Value out of range
      }
    }
  }
  scenario "two" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 0 # ERROR: Value out of range
      }
    }
  }
}
