variable "count" {
  type    = number
  default = "three" # ERROR: Invalid default value for variable
}
variable "things" {
  type    = lisst(string) # ERROR: Invalid type specification
  default = []
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
