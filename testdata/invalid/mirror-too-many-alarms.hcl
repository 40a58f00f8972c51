gameday "mirror" {
  stop_when "cloudwatch_alarm" "many" {
    alarms = ["a1", "a2", "a3", "a4", "a5", "a6"]
  }
  scenario "one" {
    fault "fis_az_blackout" "a" { # ERROR: Too many alarms to mirror
      target_tags = { GameDay = "enabled" }
      az       = "us-east-1a"
      role_arn = "arn:aws:iam::123456789012:role/fis"
      duration = "5m"
    }
  }
}
