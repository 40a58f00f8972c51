gameday "fis" {
  scenario "one" {
    fault "fis_az_blackout" "a" { # ERROR: Missing required argument # ERROR: Missing required argument # ERROR: Missing required argument # ERROR: Missing duration
      mirror_stop_alarms = true
    }
  }
}
