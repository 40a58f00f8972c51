# A game day for `gameday schedule`: every weekday morning against staging,
# posting to Slack and publishing its figures for trend dashboards. Run it
# unattended from a small always-on runner, a Kubernetes CronJob or CI (see
# deploy/), with the journal in S3 so a lost runner can be recovered from
# elsewhere:
#
#   gameday schedule --state s3://my-gameday-state/staging experiments/
#   gameday schedule --dry experiments/scheduled-staging.hcl   # next runs

variable "asg" {
  default     = "staging-web"
  description = "Auto Scaling group that serves the application."
}

gameday "weekday-instance-loss" {
  description = "Lose one web instance every weekday morning and time the Auto Scaling group's recovery."
  region      = "us-east-1"

  schedule {
    cron           = "15 10 * * 1-5"
    time_zone      = "Europe/Berlin"
    jitter         = "15m"
    min_interval   = "20h"
    blackout_dates = ["2026-12-21..2027-01-04"]
    window {
      days  = ["mon-fri"]
      hours = "10:00-16:00"
    }
  }

  guard {
    accounts       = ["123456789012"]
    regions        = ["us-east-1"]
    protected_tags = { Environment = "production" }
    max_targets    = 1
  }

  stop_when "cloudwatch_alarm" "slo" {
    alarms = ["staging-5xx"]
  }

  probe "http" "health" {
    url      = "https://staging.example.com/health"
    interval = "1s"
    expect {
      status = [200]
    }
  }

  scenario "lose-one-instance" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = var.asg
        count = 1
      }
    }
    objectives {
      rto            = "3m"
      recovery_probe = probe.http.health
    }
  }

  report {
    formats = ["json", "junit", "html"]
    dir     = "gameday-reports"
    slack {
      webhook_url = env("SLACK_WEBHOOK_URL", "")
    }
    metrics {
      namespace = "GameDay"
    }
  }
}
