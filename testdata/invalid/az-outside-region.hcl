gameday "az" {
  region = "us-east-1"
  scenario "one" {
    fault "nat_route_removal" "a" {
      az       = "eu-west-1a" # ERROR: Availability Zone outside region
      duration = "1m"
    }
  }
}
