# Values for staging-full.hcl: gameday run staging-full.hcl -var-file staging.vars.hcl
region = "us-east-1"
az     = "us-east-1c"
