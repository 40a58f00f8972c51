# Variables of several types, validation, sensitivity, environment
# overrides (GAMEDAY_VAR_env_region is set by the test) and locals.
variable "az" {
  type        = string
  default     = "us-west-2a"
  description = "Availability Zone to black out."
  validation {
    condition     = can(regex("^us-west-2[a-d]$", var.az))
    error_message = "The AZ must be one of us-west-2a to us-west-2d."
  }
}

variable "env_region" {
  type    = string
  default = "us-east-1"
}

variable "count" {
  type    = number
  default = 2
}

variable "alarms" {
  type    = list(string)
  default = ["api-5xx"]
}

variable "tags" {
  type    = map(string)
  default = { Team = "payments" }
}

variable "role_arn" {
  type      = string
  default   = "arn:aws:iam::123456789012:role/fis"
  sensitive = true
}

locals {
  environment = "staging"
  name        = "${local.environment}-${var.env_region}"
  all_tags    = merge(var.tags, { Environment = local.environment })
}

locals {
  alarm_names = concat(var.alarms, ["${local.environment}-p99"])
}

gameday "variables" {
  description = "Game day for ${local.name}."
  region      = var.env_region
  tags        = local.all_tags

  stop_when "cloudwatch_alarm" "alarms" {
    alarms = local.alarm_names
  }

  scenario "kill" {
    fault "ec2_kill" "web" {
      action = "terminate"
      select {
        tags  = local.all_tags
        count = var.count
      }
    }
  }

  scenario "blackout" {
    fault "fis_az_blackout" "az" {
      target_tags = { GameDay = "enabled" }
      az          = var.az
      role_arn    = var.role_arn
      duration    = "5m"
    }
  }
}
