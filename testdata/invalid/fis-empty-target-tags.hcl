gameday "g" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      az          = "us-east-1a"
      role_arn    = "arn:aws:iam::123456789012:role/fis"
      target_tags = {} # ERROR: Empty map
      duration    = "5m"
    }
  }
}
