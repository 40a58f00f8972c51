# A game day that `gameday schedule` runs unattended: weekday mornings in
# Paris, with jitter, never twice within 20 hours, never over the holidays.
gameday "scheduled" {
  region = "us-east-1"

  schedule {
    cron           = "30 9 * * 1-5"
    time_zone      = "Europe/Paris"
    jitter         = "10m"
    min_interval   = "20h"
    concurrency    = "forbid"
    blackout_dates = ["2026-12-24", "2026-12-28..2027-01-02"]

    window {
      days  = ["mon-thu"]
      hours = "09:00-12:00"
    }
    window {
      days  = ["fri"]
      hours = "09:00-11:00"
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
