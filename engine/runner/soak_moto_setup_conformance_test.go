//go:build conformance

package runner

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/gameday-dev/gameday/internal/motoserver"
)

// soakMotoEnv is what every run of the soak shares: one moto_server
// (reset between runs), the tap in front of it, an image to launch.
type soakMotoEnv struct {
	m   *motoserver.Server
	tap *motoTap
	ami string
}

// soakSDKMaxBackoff caps the SDK's wait between its own attempts. The
// default (up to 20 s, drawn up to 2^attempt s) is right for AWS but would
// make each weathered run take minutes on moto without testing anything
// more: what the soak checks is what gets decided, not how long waits are.
const soakSDKMaxBackoff = 100 * time.Millisecond

// soakSDKConfig is a real SDK configuration for endpoint as awsapi.Load
// builds it (standard retries, three attempts, no retry quota), with the
// backoff capped (soakSDKMaxBackoff).
func soakSDKConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.RateLimiter = ratelimit.None
				o.MaxBackoff = soakSDKMaxBackoff
			})
		},
	}
}

// soakMotoGameDay holds each fault about a second. The NAT fault selects
// route table A's two NAT routes by AZ on odd seeds (the NAT gateways'
// AZ, which moto reports right) and by route table id on even ones.
func soakMotoGameDay(w soakMotoWorld, seed uint64) string {
	nat := `az = "us-east-1a"`
	if seed%2 == 0 {
		nat = fmt.Sprintf(`route_table_ids = [%q]`, w.rtbA)
	}
	return fmt.Sprintf(`
gameday "soak-moto" {
  region = "us-east-1"
  guard {
    accounts       = ["123456789012"]
    regions        = ["us-east-1"]
    protected_tags = { Environment = "production" }
    max_targets    = 5
  }
  stop_when "cloudwatch_alarm" "slo" {
    alarms        = [%q]
    poll_interval = "500ms"
  }
  scenario "kill" {
    fault "ec2_kill" "web" {
      action   = "stop"
      duration = "1s"
      seed     = %d
      select {
        tags  = { Role = %q }
        count = 1
      }
    }
  }
  scenario "nat" {
    fault "nat_route_removal" "a" {
      %s
      duration = "1s"
    }
  }
  scenario "dns" {
    fault "route53_health_flip" "primary" {
      health_check_id = %q
      duration        = "1s"
    }
  }
}`, soakAlarm, seed+1, soakRole, nat, w.healthCheck)
}

// soakLog keeps the runner's lines, printed only when the run failed: the
// faults log from their own goroutines.
type soakLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *soakLog) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.b, format+"\n", args...)
}

func (l *soakLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
