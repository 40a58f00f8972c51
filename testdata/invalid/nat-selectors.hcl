gameday "nat" {
  scenario "one" {
    fault "nat_route_removal" "a" {
      az         = "us-east-1a"
      subnet_ids = ["subnet-0123456789abcdef0"] # ERROR: Conflicting arguments
      duration   = "1m"
    }
  }
  scenario "two" {
    fault "nat_route_removal" "b" { # ERROR: Missing NAT selector # ERROR: Missing duration
      on_missing_nat = "replace"    # ERROR: Unsupported value
    }
  }
}
