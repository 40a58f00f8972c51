# A slack block must say where to post: a webhook, or a bot token with a
# channel. Both are judged on what is written, whatever the values.
gameday "slack-incomplete" {
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
    formats = ["json"]
    slack { # ERROR: Missing Slack destination
      channel = "#gameday"
    }
  }
}
