# A bot token needs a channel even when the token's variable is unset here:
# the run where it is set (CI) must not be the first to find out.
gameday "slack-token-only" {
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
    slack { # ERROR: Missing Slack channel
      token = env("GAMEDAY_TEST_UNSET_SLACK_TOKEN", "")
    }
  }
}
