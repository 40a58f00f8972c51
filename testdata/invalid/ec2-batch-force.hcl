gameday "g" {
  scenario "one" {
    fault "ec2_kill" "a" {
      action     = "terminate"
      batch_size = 5000 # ERROR: Value out of range
      force      = true # ERROR: Argument not applicable
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
