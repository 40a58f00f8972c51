gameday "refs" {
  stop_when "probe_budget" "b" {
    probe             = probe.http.chekout # ERROR: Reference to undeclared probe
    max_failure_ratio = 0.5
  }
  probe "http" "checkout" {
    url = "https://example.com"
  }
  probe "tcp" "db" {
    address = "db:5432"
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
      recovery_probe = probe.http.db # ERROR: Reference to undeclared probe
    }
  }
}
