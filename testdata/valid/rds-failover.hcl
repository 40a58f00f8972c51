# Database failover: promote the Aurora cluster's reader while a canary
# writes, fail back after five minutes; a Multi-AZ instance beside it.
gameday "db-failover" {
  region = "us-east-1"

  guard {
    accounts       = ["123456789012"]
    protected_tags = { Environment = "production" }
  }

  probe "http" "app" {
    url = "https://app.staging.example.com/health"
  }

  canary "http" "orders" {
    write_url = "https://app.staging.example.com/canary/write"
    read_url  = "https://app.staging.example.com/canary/read"
  }

  scenario "aurora" {
    fault "rds_failover" "writer" {
      cluster_id         = "staging-aurora"
      target_instance_id = "staging-aurora-2"
      failback           = true
      duration           = "5m"
    }
    objectives {
      rto = "2m"
      rpo = "5s"
    }
  }

  scenario "multi-az" {
    fault "rds_failover" "orders" {
      instance_id = "staging-orders"
    }
  }
}
