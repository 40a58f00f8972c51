locals {
  a = local.b # ERROR: Circular reference in locals
  b = local.a # ERROR: Circular reference in locals
}
gameday "cycle" {
  description = local.a
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
