# AZ blackout through AWS FIS: a generated template and an existing one.
gameday "fis" {
  region = "us-west-2"

  stop_when "cloudwatch_alarm" "errors" {
    alarms = ["api-5xx", "api-p99"]
  }

  scenario "generated" {
    fault "fis_az_blackout" "b" {
      az          = "us-west-2b"
      actions     = ["stop-instances", "disrupt-connectivity"]
      target_tags = { Environment = "staging" }
      role_arn    = "arn:aws:iam::210987654321:role/fis-gameday"
      duration    = "5m"
    }
  }

  scenario "all-actions" {
    fault "fis_az_blackout" "c" {
      target_tags        = { GameDay = "enabled" }
      az                 = "us-west-2c"
      role_arn           = "arn:aws:iam::210987654321:role/service-role/fis"
      duration           = "10m"
      mirror_stop_alarms = false
    }
  }

  scenario "existing-template" {
    fault "fis_az_blackout" "template" {
      template_id = "EXT2Ab3Cd4Ef5Gh6"
      duration    = "15m"
    }
  }
}
