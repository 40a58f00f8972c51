# The smallest useful game day: one scenario, one fault, no objectives.
gameday "minimal" {
  scenario "reboot-one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
