gameday "dns" {
  probe "dns" "app" {
    name     = "app.example.com"
    type     = "MX"       # ERROR: Unsupported value
    resolver = "10.0.0.2" # ERROR: Invalid address
  }
  probe "tcp" "db" {
    address = "db:99999" # ERROR: Invalid address
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
