variable "az" {
  default = "us-east-1a"
}
variable "az" { # ERROR: Duplicate variable name
  default = "us-east-1b"
}
gameday "dups" {
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
