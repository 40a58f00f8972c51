gameday "typo" {
  probes "http" "x" { # ERROR: Unsupported block type
    url = "https://example.com"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "web"
        count = 1
      }
    }
  }
}
