gameday "budget" {
  probe "http" "web" {
    url = "https://example.com"
  }
  stop_when "probe_budget" "b" {
    probe             = probe.http.web
    max_failure_ratio = 1.5 # ERROR: Value out of range
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
