# Functions: the cty standard library, env() and file().
locals {
  services = split(",", "checkout,cart, search ")
  trimmed  = [for s in local.services : trimspace(s)]
  payload  = jsondecode(file("files/payload.json"))
}

gameday "functions" {
  description = format("%d services: %s", length(local.trimmed), join(" ", sort(local.trimmed)))
  tags = {
    Owner   = upper("sre")
    Payload = jsonencode(local.payload)
    Scope   = lookup({ staging = "limited" }, "staging", "none")
    Level   = tostring(max(1, 3, 2))
    Webhook = replace(env("GAMEDAY_TEST_WEBHOOK"), "https://", "")
    Missing = env("GAMEDAY_TEST_UNSET", "fallback")
    Tried   = try(local.payload.missing, "default")
  }

  probe "http" "checkout" {
    url  = "https://staging.example.com/${lower("Checkout")}"
    body = file("files/payload.json")
  }

  scenario "one" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = coalesce("", "web")
        count = min(2, 1)
      }
    }
  }
}
