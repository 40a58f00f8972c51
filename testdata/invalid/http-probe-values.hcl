gameday "http" {
  probe "http" "web" {
    url    = "example.com/health" # ERROR: Invalid URL
    method = "FETCH"              # ERROR: Unsupported value
    expect {
      status     = [200, 700] # ERROR: Invalid HTTP status
      body_regex = "([a-z"    # ERROR: Invalid regular expression
      json_value = "ok"       # ERROR: Missing json_path
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
