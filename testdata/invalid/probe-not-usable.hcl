gameday "modes" {
  probe "http" "warmup" {
    url  = "https://example.com"
    mode = "steady_state"
  }
  stop_when "probe_budget" "b" {
    probe             = probe.http.warmup # ERROR: Probe not usable here
    max_failure_ratio = 0.5
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      rto            = "1m"
      recovery_probe = probe.http.warmup # ERROR: Probe not usable here
    }
  }
}
