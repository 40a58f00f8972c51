gameday "empty-selector" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "" # ERROR: Empty value
        all = true
      }
    }
    fault "ec2_kill" "zone" {
      action = "reboot"
      select {
        # coalesce skips empty strings, as in Terraform: this is still "".
        az  = coalesce("", "") # ERROR: Empty value
        all = true
      }
    }
  }
}
