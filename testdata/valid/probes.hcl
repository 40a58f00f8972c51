# Every probe kind with every argument.
gameday "probes" {
  probe "http" "checkout" {
    url      = "https://staging.example.com/api/checkout"
    method   = "POST"
    headers  = { "Content-Type" = "application/json", "X-Probe" = "gameday" }
    body     = "{\"dry_run\": true}"
    interval = "500ms"
    timeout  = "500ms"
    mode     = "continuous"
    expect {
      status      = [200, 201, 202]
      body_regex  = "\"status\":\\s*\"(ok|degraded)\""
      json_path   = "data.items.0.state"
      json_value  = "ready"
      max_latency = "800ms"
    }
    tls {
      ca_file     = "files/ca.pem"
      server_name = "staging.internal"
    }
  }

  probe "http" "insecure" {
    url  = "https://10.0.0.10/health"
    mode = "steady_state"
    tls {
      insecure_skip_verify = true
    }
  }

  probe "tcp" "db" {
    address = "db.staging.internal:5432"
    mode    = "during_faults"
  }

  probe "dns" "api" {
    name = "api.staging.example.com"
  }

  probe "cloudwatch_alarm" "latency" {
    alarm_name   = "staging-p99"
    expect_state = "OK"
  }

  probe "cloudwatch_metric" "errors" {
    namespace   = "AWS/ApplicationELB"
    metric_name = "HTTPCode_Target_5XX_Count"
    dimensions  = { LoadBalancer = "app/staging/0123456789abcdef" }
    statistic   = "Sum"
    period      = "1m"
    threshold   = 5
    comparison  = "LessThanThreshold"
  }

  probe "cloudwatch_metric" "p99" {
    namespace   = "AWS/ApplicationELB"
    metric_name = "TargetResponseTime"
    statistic   = "p99.9"
    period      = "10s"
    threshold   = 0.8
    comparison  = "LessThanOrEqualToThreshold"
  }

  # Runs with the rights of the user running gameday.
  probe "exec" "smoke" {
    command  = ["./smoke-test.sh", "--quick"]
    timeout  = "10s"
    interval = "30s"
  }

  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 1
      }
    }
    objectives {
      rto            = "2m"
      time_to_detect = "1m"
      recovery_probe = probe.http.checkout
    }
  }
}
