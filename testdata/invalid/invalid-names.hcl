gameday "names" {
  probe "http" "check out" { # ERROR: Invalid name
    url = "https://example.com"
  }
  scenario "one" {
    fault "ec2_kill" "1web" { # ERROR: Invalid name
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
}
