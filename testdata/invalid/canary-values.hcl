gameday "canaries" {
  canary "postgres" "db" {
    primary_dsn = "postgres://u@db/x"
    table       = "Canary; DROP TABLE x" # ERROR: Invalid table name
  }
  canary "dynamodb" "d" {
    table  = "t"      # ERROR: Invalid table name
    region = "mars-1" # ERROR: Unknown region
  }
  canary "http" "h" {
    write_url = "ftp://example.com" # ERROR: Invalid URL
    read_url  = "https://example.com"
    interval  = "0s" # ERROR: Invalid duration
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        asg = "web"
        all = true
      }
    }
  }
}
