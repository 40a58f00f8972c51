gameday "metrics" {
  probe "cloudwatch_metric" "errors" {
    namespace   = "AWS/ApplicationELB"
    metric_name = "HTTPCode_Target_5XX_Count"
    statistic   = "Average95" # ERROR: Unsupported value
    period      = "45s"       # ERROR: Invalid metric period
    threshold   = 5
    comparison  = "GreaterThan" # ERROR: Unsupported value
  }
  probe "cloudwatch_alarm" "a" {
    alarm_name   = "x"
    expect_state = "GREEN" # ERROR: Unsupported value
  }
  probe "exec" "smoke" {
    command = [] # ERROR: Empty command
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
