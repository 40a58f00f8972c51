gameday "report" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
  report {
    formats = ["json", "pdf"] # ERROR: Unsupported value
    slack {                   # ERROR: Missing Slack channel
      token = "xoxb-123"
    }
  }
}
