gameday "broken" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = = "reboot" # ERROR: Invalid expression
    }
  }
}
