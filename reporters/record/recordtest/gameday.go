// Package recordtest builds a fixed, realistic run record for the reporters'
// golden tests: every instant is fixed, so that renderings are byte for
// byte reproducible. The game day plants secrets (PlantedSecrets) that no
// rendering may contain.
package recordtest

import (
	"fmt"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// Planted secrets: a sensitive variable used inside a probe URL, and a
// Slack webhook URL.
const (
	SecretToken   = "tok-PLANTED-7f3a9c2e51"
	SecretWebhook = "https://hooks.slack.com/services/T0000/B0000/PLANTEDwebhook42"
)

// PlantedSecrets lists the values that must not appear in any output.
func PlantedSecrets() []string { return []string{SecretToken, SecretWebhook, "PLANTED"} }

// source is the game day of the fixture run. The health probe's URL
// carries the sensitive token, as an API key in a query string would.
const source = `
variable "api_token" {
  sensitive = true
}

variable "az" {
  default = "us-east-1b"
}

gameday "checkout-resilience" {
  description = "Checkout survives an instance loss and an AZ blackout."
  region      = "us-east-1"

  guard {
    accounts    = ["123456789012"]
    regions     = ["us-east-1"]
    max_targets = 2
  }

  stop_when "cloudwatch_alarm" "errors" {
    alarms        = ["checkout-5xx"]
    poll_interval = "1s"
  }

  probe "http" "health" {
    url      = "https://checkout.staging.example.com/health?key=${var.api_token}"
    interval = "1s"
    timeout  = "1s"
  }

  probe "dns" "app" {
    name     = "app.staging.example.com"
    type     = "A"
    resolver = "127.0.0.53:53"
    interval = "1s"
    expect {
      answers = ["10.0.1.10"]
    }
  }

  canary "http" "orders" {
    write_url = "https://checkout.staging.example.com/canary"
    read_url  = "https://checkout.staging.example.com/canary"
    interval  = "500ms"
  }

  scenario "lose-one-web-instance" {
    description = "Terminate one instance; the Auto Scaling group replaces it."
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        asg   = "checkout-web"
        count = 1
      }
    }
    objectives {
      rto            = "30s"
      recovery_probe = probe.http.health
    }
  }

  scenario "az-blackout" {
    description = "FIS blacks out one AZ while its NAT routes are removed."
    fault "fis_az_blackout" "b" {
      az          = var.az
      actions     = ["disrupt-connectivity", "rds-failover"]
      target_tags = { Environment = "staging" }
      role_arn    = "arn:aws:iam::123456789012:role/gameday-fis"
      duration    = "60s"
    }
    fault "nat_route_removal" "b_nat" {
      az       = var.az
      duration = "30s"
    }
    objectives {
      rto            = "45s"
      rpo            = "1s"
      time_to_detect = "20s"
      recovery_probe = probe.http.health
    }
  }

  scenario "dns-failover" {
    fault "route53_health_flip" "primary" {
      health_check_id = "hc-0123456789"
      duration        = "15s"
    }
    objectives {
      rto            = "30s"
      failback       = "30s"
      recovery_probe = probe.http.health
      failback_probe = probe.dns.app
    }
  }

  report {
    formats = ["console", "json", "junit", "markdown", "html"]
    dir     = "reports"
    slack {
      webhook_url = env("SLACK_WEBHOOK_URL")
    }
  }
}
`

// GameDay loads the fixture's game day with the planted secrets.
func GameDay() (*config.GameDay, error) {
	l := config.NewLoader(config.LoadOptions{
		Registry: catalog.Registry(),
		Vars:     []string{"api_token=" + SecretToken},
		Environ:  []string{"SLACK_WEBHOOK_URL=" + SecretWebhook},
	})
	gd, diags := l.LoadSource("experiments/checkout.hcl", []byte(source))
	if diags.HasErrors() {
		return nil, fmt.Errorf("the fixture game day does not load: %s", diags.Error())
	}
	return gd, nil
}
