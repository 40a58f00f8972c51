gameday "schedule" {
  schedule {
    cron           = "CRON_TZ=Europe/Berlin 0 10 * * *" # ERROR: Conflicting time zones
    time_zone      = "Europe/Paris"
    blackout_dates = ["2027-01-03..2026-12-20"] # ERROR: Invalid date range
  }
  schedule { # ERROR: Duplicate schedule block
    cron = "@daily"
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
