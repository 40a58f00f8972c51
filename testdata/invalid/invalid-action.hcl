gameday "actions" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminat" # ERROR: Unsupported value
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
