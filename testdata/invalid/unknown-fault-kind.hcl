gameday "kinds" {
  scenario "one" {
    fault "ec2_kil" "web" { # ERROR: Unknown fault kind
      action = "terminate"
    }
  }
}
