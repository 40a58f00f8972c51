gameday "alarms" {
  stop_when "cloudwatch_alarm" "none" {
    alarms = [] # ERROR: Invalid alarm list
  }
  stop_when "cloudwatch_alarm" "dup" {
    alarms = ["a", "a"] # ERROR: Duplicate alarm name
  }
  stop_when "cloudwatch_alarm" "fast" {
    alarms        = ["b"]
    poll_interval = "10ms" # ERROR: Value out of range
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
