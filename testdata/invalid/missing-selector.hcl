gameday "selectors" {
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select { # ERROR: Missing instance selector
        count = 1
      }
    }
  }
  scenario "two" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select { # ERROR: Missing selection size
        asg = "web"
      }
    }
  }
  scenario "three" {
    fault "ec2_kill" "web" { # ERROR: Missing select block
      action = "terminate"
    }
  }
}
