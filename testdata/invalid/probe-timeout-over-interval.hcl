# A check allowed to outlast the interval overlaps the next one, and the
# resolution stated for the figures (one interval) would be false.
gameday "timeouts" {
  probe "http" "slow" {
    url      = "https://staging.example.com/health"
    interval = "500ms"
    timeout  = "2s" # ERROR: Timeout longer than interval
  }
  probe "http" "default-interval" {
    url     = "https://staging.example.com/health"
    timeout = "1500ms" # ERROR: Timeout longer than interval
  }
  probe "http" "equal" {
    url      = "https://staging.example.com/health"
    interval = "2s"
    timeout  = "2s"
  }
  probe "tcp" "short-interval" {
    address  = "db.staging.example.com:5432"
    interval = "200ms"
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
