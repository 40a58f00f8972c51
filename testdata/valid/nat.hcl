# NAT route removal with each kind of selector.
gameday "nat" {
  region = "us-east-1"

  probe "http" "egress" {
    url = "https://staging.example.com/egress-check"
  }

  scenario "by-az" {
    fault "nat_route_removal" "a" {
      az             = "us-east-1a"
      duration       = "2m"
      on_missing_nat = "substitute"
    }
    objectives {
      rto = "3m"
    }
  }

  scenario "by-gateway" {
    fault "nat_route_removal" "gw" {
      nat_gateway_ids = ["nat-0123456789abcdef0"]
      duration        = "1m"
    }
  }

  scenario "by-subnet" {
    fault "nat_route_removal" "subnets" {
      subnet_ids = ["subnet-0123456789abcdef0", "subnet-89abcdef"]
      duration   = "1m"
    }
  }

  scenario "by-route-table" {
    fault "nat_route_removal" "rtb" {
      route_table_ids = ["rtb-0123456789abcdef0"]
      duration        = "90s"
    }
  }
}
