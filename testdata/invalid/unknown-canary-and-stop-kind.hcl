gameday "kinds" {
  stop_when "alarm" "x" { # ERROR: Unknown stop condition kind
    alarms = ["a"]
  }
  canary "mysql" "db" { # ERROR: Unknown canary kind
    dsn = "x"
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
}
