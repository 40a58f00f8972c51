# Lose one web instance and measure how long the Auto Scaling group takes
# to bring the service back to full health.
#
#   gameday plan ec2-kill.hcl                  # resolve targets, change nothing
#   gameday run -var asg=web-staging ec2-kill.hcl
#
# Copy this file, then change the account, the ASG and the health URL.

variable "asg" {
  type        = string
  default     = "web-staging"
  description = "Auto Scaling group whose instance is terminated."
}

variable "health_url" {
  type    = string
  default = "https://staging.example.com/health"
}

gameday "ec2-kill" {
  description = "Terminate one instance of ${var.asg} and measure the replacement."
  region      = "us-east-1"

  # Refuse to run anywhere but the staging account, and never touch
  # anything tagged as production.
  guard {
    accounts       = ["123456789012"]
    regions        = ["us-east-1"]
    protected_tags = { Environment = "production" }
    max_targets    = 1
  }

  # Abort (and revert) as soon as the service's own alarm fires.
  stop_when "cloudwatch_alarm" "slo" {
    alarms = ["staging-web-5xx"]
  }

  stop_when "max_duration" "cap" {
    duration = "15m"
  }

  # Checked every second from before the fault until after recovery; the
  # observed RTO is measured on it, so its interval is the resolution.
  probe "http" "health" {
    url      = var.health_url
    interval = "1s"
    timeout  = "1s"
    expect {
      status      = [200]
      max_latency = "800ms"
    }
  }

  scenario "lose-one-instance" {
    description = "Terminate one InService instance of the group."
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = var.asg
        count = 1
      }
      # A fixed seed picks the same instance on a re-run with the same
      # group membership; remove it for a fresh random pick.
      seed = 2024
    }
    objectives {
      rto                   = "2m"
      time_to_detect        = "1m"
      min_availability      = "99%"
      recovery_probe        = probe.http.health
      consecutive_successes = 3
    }
  }

  report {
    formats = ["console", "json", "junit"]
    dir     = "gameday-reports/ec2-kill"
  }
}
