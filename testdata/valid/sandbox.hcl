# Every sandbox address; placeholders stand in when no sandbox runs.
gameday "sandbox" {
  region = sandbox.region

  guard {
    accounts = [sandbox.account_id]
  }

  probe "http" "app" {
    url = "${sandbox.url}/health"
  }

  probe "http" "egress" {
    url  = sandbox.egress_url
    mode = "during_faults"
  }

  probe "dns" "failover" {
    name     = sandbox.dns_name
    resolver = sandbox.dns_server
    mode     = "steady_state"
  }

  canary "http" "orders" {
    write_url = sandbox.canary_write_url
    read_url  = sandbox.canary_read_url
  }

  scenario "flip" {
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "10s"
    }
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = sandbox.asg_name
        count = 1
      }
    }
    objectives {
      rto = "20s"
      rpo = "1s"
    }
  }
}
