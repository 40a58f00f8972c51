# Three independent mistakes: all three are reported.
gameday "three" {
  region = "us-east-7" # ERROR: Unknown region
  probe "http" "web" {
    url      = "https://example.com"
    interval = "fast" # ERROR: Invalid duration
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg     = "web"
        percent = 0 # ERROR: Value out of range
      }
    }
  }
}
