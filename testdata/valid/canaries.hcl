# Canaries of every kind; RPO needs one.
gameday "canaries" {
  region = "us-east-1"

  canary "http" "orders" {
    write_url = "https://staging.example.com/canary/write"
    read_url  = "https://staging.example.com/canary/read"
    interval  = "250ms"
  }

  canary "postgres" "ledger" {
    primary_dsn = "postgres://gameday:secret@db-primary.staging.internal:5432/ledger"
    read_dsn    = "postgres://gameday:secret@db-replica.staging.internal:5432/ledger"
    table       = "gameday.canary"
  }

  canary "dynamodb" "sessions" {
    table  = "staging-sessions"
    region = "us-east-1"
  }

  scenario "db-failover" {
    fault "fis_az_blackout" "a" {
      target_tags = { GameDay = "enabled" }
      az          = "us-east-1a"
      actions     = ["rds-failover"]
      role_arn    = "arn:aws:iam::123456789012:role/fis"
      duration    = "2m"
    }
    objectives {
      rpo = "5s"
    }
  }
}
