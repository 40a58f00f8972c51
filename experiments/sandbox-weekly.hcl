# A weekly game day against the built-in sandbox whose history tells
# whether recovery is getting better or worse: every web instance is
# terminated and the Auto Scaling group replaces the fleet; the RTO is
# compared with the median of the last comparable runs.
#
#   gameday run --sandbox --state ./state experiments/sandbox-weekly.hcl
#   gameday history --state ./state sandbox-weekly

gameday "sandbox-weekly" {
  description = "Replace the whole web fleet; is the replacement getting slower?"
  region      = "us-east-1"

  guard {
    accounts    = ["123456789012"]
    regions     = ["us-east-1"]
    max_targets = 6
  }

  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "250ms"
    timeout  = "250ms"
  }

  scenario "replace-web-fleet" {
    description = "Terminate every web instance; the Auto Scaling group replaces them."
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg = sandbox.asg_name
        all = true
      }
    }
    objectives {
      rto = "1m"
      # Regressed: an RTO more than 50% above the median of the last five
      # comparable runs (and beyond both figures' resolutions).
      baseline {
        runs     = 5
        min_runs = 3
        rto      = "50%"
      }
    }
  }

  # The state store keeps the newest 50 runs of this game day.
  retention {
    keep = 50
  }
}
