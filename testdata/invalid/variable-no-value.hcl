variable "role_arn" { # ERROR: No value for required variable
  type = string
}
gameday "vars" {
  scenario "one" {
    fault "fis_az_blackout" "a" {
      target_tags = { GameDay = "enabled" }
      az       = "us-east-1a"
      role_arn = var.role_arn
      duration = "5m"
    }
  }
}
