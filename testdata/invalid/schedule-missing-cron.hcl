gameday "schedule" {
  schedule { # ERROR: Missing required argument
    time_zone = "UTC"
  }

  scenario "reboot-one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
