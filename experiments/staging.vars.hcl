# Values for staging-full.hcl: gameday run -var-file staging.vars.hcl staging-full.hcl
region = "us-east-1"
az     = "us-east-1c"
