gameday "baseline-values" {
  probe "http" "a" {
    url = "https://example.com/a"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      baseline {
        runs        = 0       # ERROR: Value out of range
        margin      = "10s"   # ERROR: Invalid margin
        rto         = "fast"  # ERROR: Invalid margin
        failback    = "-5%"   # ERROR: Invalid margin
        lost_writes = -1      # ERROR: Invalid margin
        rpo         = "1s"    # ERROR: Baseline figure without canary
        rtoo        = "5s"    # ERROR: Unsupported argument
      }
    }
  }
  scenario "two" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      baseline { # ERROR: Baseline without figures
        runs     = 3
        min_runs = 4 # ERROR: Value out of range
      }
    }
  }
  scenario "three" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    objectives {
      baseline {
        runs           = 10
        time_to_detect = "10s" # ERROR: Nothing detects the fault
      }
    }
  }
  retention {
    keep = 5 # ERROR: Retention below the baseline
  }
}
