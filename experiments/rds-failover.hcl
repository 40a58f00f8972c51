# Fail over the sandbox's Aurora-style database cluster (a writer and a
# reader, asynchronous replication lagging by about a second) while a canary
# writes through it. The canary's
# lost writes are the observed RPO: the acknowledged writes the reader had
# not received when it was promoted.
#
#   gameday run --sandbox rds-failover.hcl

gameday "rds-failover" {
  description = "Fail over the database cluster and measure the writes it loses."
  region      = "us-east-1"

  guard {
    accounts    = ["123456789012"]
    regions     = ["us-east-1"]
    max_targets = 1
    protected_tags = {
      Environment = "production"
    }
  }

  stop_when "max_duration" "cap" {
    duration = "2m"
  }

  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "250ms"
    timeout  = "250ms"
  }

  # Sequence-numbered writes through the cluster's writer, read back after
  # the scenario: a write acknowledged and then missing was lost.
  canary "http" "orders" {
    write_url = sandbox.canary_write_url
    read_url  = sandbox.canary_read_url
    interval  = "100ms"
  }

  scenario "writer-failover" {
    description = "Promote the reader; the writer stays there."
    # failback = true (with a duration) fails back to the original writer
    # afterwards; a failback is a second failover and loses its own
    # in-flight writes, which the canary then counts too.
    fault "rds_failover" "db" {
      cluster_id = "sandbox-db"
    }
    objectives {
      # Adjust to what your database promises: with asynchronous
      # replication a failover loses the writes still in flight.
      rpo = "2s"
    }
  }
}
