gameday "empty" {
  scenario "nothing" { # ERROR: Scenario without faults
    description = "forgot the faults"
  }
}
