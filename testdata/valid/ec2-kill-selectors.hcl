# Every way of selecting instances for ec2_kill.
gameday "ec2-selectors" {
  region = "eu-west-1"

  guard {
    max_targets = 20
  }

  scenario "by-asg" {
    fault "ec2_kill" "count" {
      action = "terminate"
      select {
        asg   = "web"
        count = 2
      }
      seed        = 7
      max_targets = 5
    }
  }

  scenario "by-tags-in-az" {
    fault "ec2_kill" "percent" {
      action      = "stop"
      duration    = "3m"
      start_after = "30s"
      select {
        tags    = { Service = "checkout", Tier = "web" }
        az      = "eu-west-1b"
        percent = 50
      }
      allow_empty = true
    }
  }

  scenario "everything-in-az" {
    fault "ec2_kill" "all" {
      action = "reboot"
      select {
        az  = "eu-west-1c"
        all = true
      }
    }
  }

  scenario "explicit" {
    fault "ec2_kill" "ids" {
      action = "terminate"
      select {
        ids = ["i-0123456789abcdef0", "i-12345678"]
      }
    }
  }
}
