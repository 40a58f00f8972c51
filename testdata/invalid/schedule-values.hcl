gameday "schedule" {
  schedule {
    cron           = "61 * * * *"        # ERROR: Invalid cron expression
    time_zone      = "Mars/Olympus_Mons" # ERROR: Unknown time zone
    jitter         = "-5m"               # ERROR: Invalid duration
    min_interval   = "1 hour"            # ERROR: Invalid duration
    concurrency    = "replace"           # ERROR: Unsupported value
    blackout_dates = ["2026-02-30"]      # ERROR: Invalid date

    window {
      days  = ["monday"]    # ERROR: Invalid day
      hours = "17:00-09:00" # ERROR: Invalid hours
    }
    window {
      hours = "9-17" # ERROR: Invalid hours
    }
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
