# The monthly staging game day: all four faults, one scenario each, with
# every objective the team tracks. Run from CI with:
#
#   gameday run -var-file staging.vars.hcl staging-full.hcl
#
# Slack posting is enabled only where SLACK_WEBHOOK_URL is set (CI), so the
# same file runs quietly from a laptop.

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "az" {
  type        = string
  default     = "us-east-1b"
  description = "The zone the blackout scenarios target."
}

variable "fis_role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/gameday-fis"
}

locals {
  base_url = "https://staging.example.com"
  tags     = { Team = "sre", Purpose = "gameday" }
}

gameday "staging-resilience" {
  description = "Monthly resilience game day for the staging checkout stack."
  region      = var.region
  tags        = local.tags

  guard {
    accounts              = ["123456789012"]
    regions               = [var.region]
    protected_tags        = { Environment = "production" }
    max_targets           = 10
    allow_empty_selection = false
  }

  stop_when "cloudwatch_alarm" "slo" {
    alarms        = ["staging-5xx", "staging-p99"]
    poll_interval = "2s"
    # If the alarms cannot be read for this long (throttling, an outage of
    # the path to CloudWatch), the run aborts and reverts: it never goes on
    # blind. Default: five poll intervals.
    blind_grace = "20s"
  }

  stop_when "probe_budget" "checkout" {
    probe             = probe.http.checkout
    max_failure_ratio = 0.5
    window            = "2m"
  }

  stop_when "max_duration" "whole-day" {
    duration = "1h"
  }

  probe "http" "checkout" {
    url      = "${local.base_url}/api/checkout/health"
    interval = "1s"
    timeout  = "1s"
    expect {
      status      = [200]
      json_path   = "status"
      json_value  = "ok"
      max_latency = "800ms"
    }
  }

  probe "http" "egress" {
    url      = "${local.base_url}/internal/egress-check"
    interval = "2s"
  }

  probe "cloudwatch_metric" "target-5xx" {
    namespace   = "AWS/ApplicationELB"
    metric_name = "HTTPCode_Target_5XX_Count"
    dimensions  = { LoadBalancer = "app/staging-web/0123456789abcdef" }
    statistic   = "Sum"
    period      = "1m"
    threshold   = 10
    comparison  = "LessThanThreshold"
    interval    = "30s"
    mode        = "during_faults"
  }

  canary "http" "orders" {
    write_url = "${local.base_url}/internal/canary/write"
    read_url  = "${local.base_url}/internal/canary/read"
    interval  = "500ms"
  }

  scenario "lose-one-web-instance" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web-staging"
        count = 1
      }
    }
    objectives {
      rto            = "2m"
      recovery_probe = probe.http.checkout
    }
  }

  scenario "az-blackout" {
    fault "fis_az_blackout" "zone" {
      az          = var.az
      role_arn    = var.fis_role_arn
      target_tags = { GameDay = "enabled" }
      duration    = "5m"
    }
    fault "nat_route_removal" "egress" {
      az          = var.az
      start_after = "30s"
      duration    = "3m"
    }
    objectives {
      rto              = "3m"
      rpo              = "5s"
      time_to_detect   = "2m"
      min_availability = "95%"
      recovery_probe   = probe.http.checkout
    }
  }

  scenario "dns-failover" {
    fault "route53_health_flip" "primary" {
      health_check_id = "abcdef11-2222-3333-4444-555555fedcba"
      duration        = "5m"
    }
    objectives {
      rto            = "2m"
      failback       = "3m"
      recovery_probe = probe.http.checkout
    }
  }

  report {
    formats = ["console", "json", "junit", "markdown", "html"]
    dir     = "gameday-reports/staging"
    slack {
      webhook_url = env("SLACK_WEBHOOK_URL", "")
    }
  }
}
