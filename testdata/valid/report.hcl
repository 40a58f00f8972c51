# Report formats and Slack through an incoming webhook from the environment.
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
    formats = ["console", "json", "junit", "markdown", "html"]
    dir     = "out/reports"
    slack {
      webhook_url = env("GAMEDAY_TEST_WEBHOOK")
    }
  }
}
