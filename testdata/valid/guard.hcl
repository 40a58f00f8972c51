# A full guard, checked before any mutation.
gameday "guarded" {
  region = "eu-central-1"

  guard {
    accounts              = ["012345678901", "123456789012"]
    regions               = ["eu-central-1", "eu-west-1"]
    protected_tags        = { Environment = "production", DoNotTouch = "true" }
    max_targets           = 3
    allow_empty_selection = true
  }

  scenario "one" {
    fault "ec2_kill" "web" {
      action = "stop"
      select {
        asg     = "web"
        percent = 34
      }
      duration    = "2m"
      max_targets = 2
    }
  }
}
