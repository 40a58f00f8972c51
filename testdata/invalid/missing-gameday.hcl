variable "az" { # ERROR: Missing gameday block
  default = "us-east-1a"
}
