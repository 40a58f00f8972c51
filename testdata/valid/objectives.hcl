# Every objective; the recovery probe is implied by the only continuous probe.
gameday "objectives" {
  region = "us-east-1"

  stop_when "cloudwatch_alarm" "detect" {
    alarms = ["checkout-5xx"]
  }

  probe "http" "checkout" {
    url = "https://staging.example.com/health"
  }

  probe "tcp" "db" {
    address = "db.staging.internal:5432"
    mode    = "steady_state"
  }

  canary "http" "orders" {
    write_url = "https://staging.example.com/canary"
    read_url  = "https://staging.example.com/canary"
  }

  scenario "fraction" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "2m"
    }
    objectives {
      rto                   = "3m"
      rpo                   = "0s"
      time_to_detect        = "1m"
      failback              = "5m"
      min_availability      = 0.95
      consecutive_successes = 5
    }
  }

  scenario "percent" {
    fault "route53_health_flip" "primary" {
      health_check_id = "abcdef11-2222-3333-4444-555555fedcba"
      duration        = "3m"
    }
    objectives {
      min_availability = "99.5%"
      recovery_probe   = probe.http.checkout
    }
  }
}
