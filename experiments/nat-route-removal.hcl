# Take away outbound internet from one zone's private subnets by removing
# their routes to the NAT gateway, then put the exact routes back. FIS has
# no such action; gameday snapshots each route before deleting it and only
# touches routes created with CreateRoute.

variable "az" {
  type    = string
  default = "us-east-1a"
}

gameday "nat-loss" {
  description = "Private subnets in ${var.az} lose their NAT gateway for three minutes."
  region      = "us-east-1"

  guard {
    accounts = ["123456789012"]
    regions  = ["us-east-1"]
  }

  stop_when "max_duration" "cap" {
    duration = "20m"
  }

  # An endpoint of the application that calls a third-party API, so it
  # fails when egress is gone.
  probe "http" "payments-egress" {
    url      = "https://staging.example.com/internal/egress-check"
    interval = "2s"
    timeout  = "2s"
  }

  # Also watch the customer-facing path: it should degrade gracefully.
  probe "http" "storefront" {
    url  = "https://staging.example.com/"
    mode = "during_faults"
  }

  scenario "lose-nat-in-zone" {
    fault "nat_route_removal" "zone" {
      az       = var.az
      duration = "3m"
      # If the NAT gateway was deleted meanwhile, restore through another
      # available NAT gateway in the same zone (and say so in the report)
      # instead of leaving the subnets without egress.
      on_missing_nat = "substitute"
    }
    objectives {
      rto              = "4m"
      min_availability = 0.9
      recovery_probe   = probe.http.payments-egress
    }
  }
}
