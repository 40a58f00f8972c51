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
    slack {
      webhook_url = "http://hooks.example.com/x" # ERROR: Invalid URL
      token       = "xoxb-123"                   # ERROR: Conflicting arguments
      channel     = "#x"
      upload_html = true # ERROR: Not supported with a webhook
    }
  }
}
