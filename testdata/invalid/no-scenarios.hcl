gameday "empty" { # ERROR: No scenarios
  description = "forgot the scenarios"
}
