gameday "typo" {
  probe "http" "web" {
    url     = "https://example.com"
    intervl = "1s" # ERROR: Unsupported argument
  }
  scenario "one" {
    fault "ec2_kill" "web" { # ERROR: Missing required argument
      acton = "reboot"       # ERROR: Unsupported argument
      select {
        asg = "web"
        all = true
      }
    }
  }
}
