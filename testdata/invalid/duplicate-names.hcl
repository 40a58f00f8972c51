gameday "dups" {
  probe "http" "web" {
    url = "https://example.com"
  }
  probe "tcp" "web" { # ERROR: Duplicate probe name
    address = "web:80"
  }
  canary "http" "c" {
    write_url = "https://example.com/w"
    read_url  = "https://example.com/r"
  }
  canary "dynamodb" "c" { # ERROR: Duplicate canary name
    table = "canary"
  }
  stop_when "max_duration" "s" {
    duration = "1h"
  }
  stop_when "max_duration" "s" { # ERROR: Duplicate stop condition name
    duration = "2h"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
  scenario "one" { # ERROR: Duplicate scenario name
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
    fault "ec2_kill" "web" { # ERROR: Duplicate fault name
      action = "reboot"
      select {
        asg = "api"
        all = true
      }
    }
  }
}
