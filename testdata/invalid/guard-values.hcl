gameday "guard" {
  region = "us-east-1"
  guard {
    accounts    = ["12345678901"] # ERROR: Invalid account ID
    regions     = ["us-east-9"]   # ERROR: Unknown region
    max_targets = 0               # ERROR: Value out of range
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
}
