# DNS failover: flip the primary's health check and watch the answer move.
gameday "dns-failover" {
  probe "dns" "answer" {
    name     = "app.staging.example.com"
    type     = "CNAME"
    resolver = "10.0.0.2:53"
    interval = "2s"
    expect {
      answers = ["primary.staging.example.com."]
    }
  }

  probe "http" "app" {
    url = "https://app.staging.example.com/health"
  }

  scenario "flip" {
    fault "route53_health_flip" "primary" {
      health_check_id = "abcdef11-2222-3333-4444-555555fedcba"
      duration        = "5m"
    }
    objectives {
      rto            = "2m"
      failback       = "3m"
      recovery_probe = probe.http.app
      failback_probe = probe.dns.answer
    }
  }
}
