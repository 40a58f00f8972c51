gameday "fis" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      target_tags = { GameDay = "enabled" }
      az       = "us-east-1a"
      actions  = [] # ERROR: Empty list
      role_arn = "arn:aws:iam::123456789012:role/fis"
      duration = "5m"
    }
  }
}
