# Black out one Availability Zone with AWS FIS: instances stopped, subnets
# cut off, Auto Scaling told the zone has no capacity, and the Aurora
# writer failed over. gameday generates the FIS experiment template, runs
# it, stops it on abort and deletes the template afterwards.
#
# The FIS role must trust fis.amazonaws.com; the caller needs
# fis:CreateExperimentTemplate, StartExperiment, StopExperiment,
# GetExperiment, DeleteExperimentTemplate, TagResource and iam:PassRole.

variable "az" {
  type    = string
  default = "us-east-1b"
  validation {
    condition     = can(regex("^us-east-1[a-f]$", var.az))
    error_message = "The zone must be one of us-east-1a to us-east-1f."
  }
}

variable "fis_role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/gameday-fis"
}

gameday "az-blackout" {
  description = "Lose ${var.az} for five minutes."
  region      = "us-east-1"

  guard {
    accounts = ["123456789012"]
    regions  = ["us-east-1"]
    # FIS selects by tag: only resources tagged for game days are hit.
    protected_tags = { Environment = "production" }
  }

  # mirror_stop_alarms (on by default) copies these alarms into the FIS
  # template, so FIS stops the experiment even if gameday itself dies.
  # An FIS template takes at most 5 stop conditions.
  stop_when "cloudwatch_alarm" "slo" {
    alarms = ["staging-5xx", "staging-p99"]
  }

  probe "http" "checkout" {
    url     = "https://staging.example.com/api/checkout/health"
    timeout = "1s" # at most the interval (1s by default)
  }

  canary "postgres" "orders" {
    primary_dsn = env("GAMEDAY_ORDERS_DSN", "postgres://gameday@orders.cluster-abc.us-east-1.rds.amazonaws.com:5432/orders")
    read_dsn    = env("GAMEDAY_ORDERS_READ_DSN", "postgres://gameday@orders.cluster-ro-abc.us-east-1.rds.amazonaws.com:5432/orders")
    interval    = "500ms"
  }

  scenario "az-power-loss" {
    fault "fis_az_blackout" "zone" {
      az          = var.az
      actions     = ["stop-instances", "disrupt-connectivity", "asg-capacity-error", "rds-failover"]
      target_tags = { GameDay = "enabled" }
      role_arn    = var.fis_role_arn
      duration    = "5m"
    }
    objectives {
      rto            = "3m"
      rpo            = "5s"
      time_to_detect = "2m"
      recovery_probe = probe.http.checkout
    }
  }

  report {
    formats = ["console", "json", "markdown", "html"]
  }
}
