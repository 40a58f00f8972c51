gameday "files" {
  description = file("../../go.mod") # ERROR: Error in function call
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
}
