gameday "fis" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      template_id = "EXTabc123"
      az          = "us-east-1a"                         # ERROR: Conflicting arguments
      role_arn    = "arn:aws:iam::123456789012:role/fis" # ERROR: Conflicting arguments
    }
  }
}
