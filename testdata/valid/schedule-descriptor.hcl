# A schedule with a descriptor and the zone in the expression; no window
# block means business hours on weekdays.
gameday "hourly" {
  schedule {
    cron = "CRON_TZ=America/New_York @hourly"
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
