gameday "ids" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        ids = ["i-xyz"] # ERROR: Invalid resource ID
      }
    }
  }
}
