gameday "objectives" {
  probe "http" "a" {
    url = "https://example.com/a"
  }
  probe "http" "b" {
    url = "https://example.com/b"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives { # ERROR: Missing recovery probe
      rto            = "1m"
      rpo            = "5s" # ERROR: RPO without canary
      time_to_detect = "1m" # ERROR: Nothing detects the fault
    }
  }
}
