gameday "refs" {
  canary "http" "orders" {
    write_url = "https://example.com/w"
    read_url  = "https://example.com/r"
  }
  stop_when "probe_budget" "b" {
    probe             = canary.http.orders # ERROR: Invalid reference
    max_failure_ratio = 0.5
  }
  stop_when "probe_budget" "c" {
    probe             = "probe.http.x" # ERROR: Invalid reference
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
  }
}
