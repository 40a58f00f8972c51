gameday "env" {
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
      webhook_url = env("GAMEDAY_TEST_UNSET_WEBHOOK") # ERROR: Error in function call
    }
  }
}
