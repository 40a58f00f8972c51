gameday "kinds" {
  probe "https" "web" { # ERROR: Unknown probe kind
    url = "https://example.com"
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
