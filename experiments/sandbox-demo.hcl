# The game day `gameday demo` runs against the built-in sandbox: a miniature
# staging world (three AZs, an Auto Scaling group of real HTTP servers on
# loopback, NAT gateways, Route 53 failover, CloudWatch alarms, FIS and a
# replicated database) that starts in-process. Every address comes from
# `sandbox.*`, filled in when the sandbox starts; a run against real AWS
# refuses this file.
#
#   gameday demo                        # runs this file
#   gameday run --sandbox sandbox-demo.hcl

gameday "sandbox-demo" {
  description = "Four faults against the built-in sandbox, with measured RTO and RPO."
  region      = "us-east-1"

  guard {
    accounts = ["123456789012"]
    regions  = ["us-east-1"]
    # Per fault: the AZ blackout reaches three resources (two subnets and
    # the database cluster), each named in its FIS template.
    max_targets = 3
    protected_tags = {
      Environment = "production"
    }
  }

  # Abort everything when the load balancer's 5xx alarm fires...
  stop_when "cloudwatch_alarm" "errors" {
    alarms        = ["sandbox-5xx"]
    poll_interval = "500ms"
  }

  # ...or when egress from us-east-1b keeps failing: the AZ blackout below
  # trips this on purpose, to show an abort that reverts everything. The
  # short window makes it trip about a second into the blackout, well before
  # the 5xx alarm can (two one-second periods, then its evaluation), so the
  # demo stops for the same reason every time.
  stop_when "probe_budget" "egress_b" {
    probe             = probe.http.egress_b
    max_failure_ratio = 0.5
    window            = "2s"
  }

  stop_when "max_duration" "demo" {
    duration = "5m"
  }

  # What users see: the application's health endpoint behind the load balancer.
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "250ms"
    timeout  = "250ms"
    expect {
      status      = [200]
      max_latency = "250ms"
    }
  }

  # Outbound traffic through the NAT gateways, pinned to one AZ each: the
  # load balancer would otherwise route around a broken AZ and hide it.
  probe "http" "egress_a" {
    url      = "${sandbox.egress_url}?az=us-east-1a"
    interval = "250ms"
    timeout  = "250ms"
  }

  probe "http" "egress_b" {
    url      = "${sandbox.egress_url}?az=us-east-1b"
    interval = "250ms"
    timeout  = "250ms"
  }

  # Which record the failover name resolves to (primary or secondary).
  # The PRIMARY record answers 127.0.0.1; while it fails over, 127.0.0.2.
  probe "dns" "app" {
    name     = sandbox.dns_name
    type     = "A"
    resolver = sandbox.dns_server
    interval = "250ms"
    expect {
      answers = ["127.0.0.1"]
    }
  }

  # Writes sequence-numbered records through the app and reads them back
  # after recovery: lost acknowledged writes give the observed RPO.
  canary "http" "orders" {
    write_url = sandbox.canary_write_url
    read_url  = sandbox.canary_read_url
    interval  = "100ms"
  }

  scenario "lose-one-web-instance" {
    description = "Terminate one instance; the Auto Scaling group replaces it."
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = sandbox.asg_name
        count = 1
      }
      seed = 42
    }
    objectives {
      rto            = "30s"
      recovery_probe = probe.http.health
    }
  }

  scenario "nat-loss-a" {
    description = "Remove the NAT routes of us-east-1a for 10 seconds."
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "10s"
    }
    objectives {
      rto            = "20s"
      recovery_probe = probe.http.egress_a
    }
  }

  scenario "dns-failover" {
    description = "Flip the primary health check; DNS fails over to the secondary."
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "15s"
    }
    # Users keep being served (by the secondary): RTO is about the health
    # probe, failback about DNS answering the primary again.
    objectives {
      rto            = "30s"
      failback       = "30s"
      recovery_probe = probe.http.health
      failback_probe = probe.dns.app
    }
  }

  scenario "az-blackout-b" {
    description = "FIS blacks out us-east-1b: subnets cut off and the database fails over. The egress_b budget stops it early."
    fault "fis_az_blackout" "b" {
      az      = "us-east-1b"
      actions = ["disrupt-connectivity", "rds-failover"]
      # Every sandbox resource carries Environment = "staging".
      target_tags = {
        Environment = "staging"
      }
      role_arn = "arn:aws:iam::${sandbox.account_id}:role/sandbox-fis"
      duration = "60s"
    }
    # No time_to_detect objective: the budget stops the blackout before
    # the 5xx alarm has to fire, so detection is not measured every run,
    # and an objective the demo cannot measure every time is not shown.
    objectives {
      rto              = "45s"
      rpo              = "5s"
      min_availability = "40%"
      recovery_probe   = probe.http.egress_b
    }
  }

  report {
    formats = ["console", "json", "junit", "markdown", "html"]
    dir     = "reports"
  }
}
