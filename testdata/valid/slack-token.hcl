# Slack through the Web API, uploading the HTML report; a webhook taken from
# an unset environment variable with an empty default disables nothing here.
gameday "slack-token" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        tags = { Role = "worker" }
        all  = true
      }
    }
  }

  report {
    formats = ["html"]
    slack {
      token       = env("GAMEDAY_TEST_SLACK_TOKEN", "xoxb-test-token")
      channel     = "#gameday"
      upload_html = true
    }
  }
}
