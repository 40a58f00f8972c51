# Figures published as CloudWatch metrics, with extra dimensions.
gameday "metrics" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }

  report {
    formats = ["console", "json"]
    metrics {
      namespace  = "Acme/GameDays"
      dimensions = { Team = "payments", Environment = "staging" }
    }
  }
}
