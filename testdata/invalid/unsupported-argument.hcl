gameday "typo" {
  descripton = "misspelt" # ERROR: Unsupported argument
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
