gameday "r53" {
  scenario "one" {
    fault "route53_health_flip" "p" {     # ERROR: Missing duration
      health_check_id = "not a valid id!" # ERROR: Invalid health check ID
    }
  }
}
