gameday "types" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = "one" # ERROR: Incorrect attribute value type
      }
    }
  }
  report {
    formats = "json" # ERROR: Incorrect attribute value type
  }
}
