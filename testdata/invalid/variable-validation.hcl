variable "az" { # ERROR: Invalid value for variable
  default = "eu-west-1a"
  validation {
    condition     = substr(var.az, 0, 3) == "us-"
    error_message = "Only US zones are allowed."
  }
}
gameday "vars" {
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
