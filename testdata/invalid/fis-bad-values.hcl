gameday "fis" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      target_tags = { GameDay = "enabled" }
      az       = "us-east-1z1"                             # ERROR: Invalid Availability Zone
      actions  = ["stop-instances", "disrupt-conectivity"] # ERROR: Unsupported value
      role_arn = "arn:aws:iam::123:user/me"                # ERROR: Invalid role ARN
      duration = "13h"                                     # ERROR: Duration too long
    }
  }
  scenario "two" {
    fault "fis_az_blackout" "t" {
      template_id = "tmpl-1" # ERROR: Invalid template ID
    }
  }
}
