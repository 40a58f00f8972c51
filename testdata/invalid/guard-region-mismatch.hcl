gameday "guard" {
  region = "eu-west-1" # ERROR: Region not allowed by guard
  guard {
    regions = ["us-east-1"]
  }
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
