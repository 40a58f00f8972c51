gameday "required" {
  probe "http" "web" { # ERROR: Missing required argument
    interval = "1s"
  }
  scenario "one" {
    fault "route53_health_flip" "p" { # ERROR: Missing required argument
      duration = "1m"
    }
  }
}
