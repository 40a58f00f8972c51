# Regression objectives: each scenario's figures against the median of its
# own last comparable runs, and a retention that keeps enough of them.
gameday "baseline" {
  region = "us-east-1"

  stop_when "cloudwatch_alarm" "detect" {
    alarms = ["checkout-5xx"]
  }

  probe "http" "checkout" {
    url = "https://staging.example.com/health"
  }

  canary "http" "orders" {
    write_url = "https://staging.example.com/canary"
    read_url  = "https://staging.example.com/canary"
  }

  scenario "every-figure" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 1
      }
    }
    objectives {
      rto = "2m"
      baseline {
        runs        = 8
        min_runs    = 4
        margin      = "50%"
        rto         = "100%"
        rpo         = "2s"
        lost_writes = 3
      }
    }
  }

  scenario "rto-only" {
    fault "route53_health_flip" "primary" {
      health_check_id = "abcdef11-2222-3333-4444-555555fedcba"
      duration        = "3m"
    }
    objectives {
      baseline {
        rto            = "30s"
        time_to_detect = "25%"
      }
    }
  }

  retention {
    keep = 20
  }
}
