# Fail over DNS: invert the health check of the PRIMARY failover record so
# Route 53 answers with the SECONDARY, measure how long clients take to
# follow, then flip it back and measure the failback.
#
# Expected failover is about RequestInterval x FailureThreshold (30 s x 3
# by default) plus the record's TTL; this game day measures it.

gameday "dns-failover" {
  region = "us-east-1"

  guard {
    accounts = ["123456789012"]
  }

  # Which target the name resolves to: passes while the answer is the
  # primary's, so failover shows as failures and failback as recovery.
  probe "dns" "primary-answer" {
    name     = "api.staging.example.com"
    type     = "CNAME"
    interval = "5s"
    mode     = "continuous"
    expect {
      answers = ["api-primary.staging.example.com."]
    }
  }

  probe "http" "api" {
    url = "https://api.staging.example.com/health"
  }

  scenario "fail-over-and-back" {
    fault "route53_health_flip" "primary" {
      health_check_id = "abcdef11-2222-3333-4444-555555fedcba"
      duration        = "5m"
    }
    objectives {
      rto            = "2m"
      failback       = "3m"
      recovery_probe = probe.http.api
    }
  }
}
