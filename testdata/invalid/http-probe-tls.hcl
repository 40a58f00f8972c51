gameday "http" {
  probe "http" "web" {
    url = "https://example.com"
    expect {
      json_path = "data..state" # ERROR: Invalid JSON path
    }
    tls {
      insecure_skip_verify = true
      ca_file              = "ca.pem" # ERROR: Conflicting arguments
    }
    tls { # ERROR: Duplicate tls block
    }
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
