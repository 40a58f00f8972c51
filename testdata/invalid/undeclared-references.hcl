variable "az" {
  default = "us-east-1a"
}
locals {
  name = "x"
}
gameday "refs" {
  description = "${var.azz} ${local.nmae}" # ERROR: Reference to undeclared variable # ERROR: Reference to undeclared local value
  probe "http" "web" {
    url = "${sandbox.ur}/health" # ERROR: Unknown sandbox address
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
