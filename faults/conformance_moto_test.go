//go:build conformance

package faults

import (
	"context"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/internal/motoserver"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/gameday-dev/gameday/awsapi"
)

// motoServer is a moto_server process for this test.
type motoServer struct {
	*motoserver.Server
}

// startMoto starts moto_server and stops it when the test ends.
func startMoto(t *testing.T) *motoServer { return &motoServer{motoserver.Start(t)} }

// reset forgets every resource moto holds.
func (m *motoServer) reset(t *testing.T) { m.Reset(t) }

// sdkConfig is a real SDK configuration pointing at endpoint with static
// credentials.
func sdkConfig(endpoint string) aws.Config {
	return aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 2,
	}
}

func motoClients(m *motoServer) *awsapi.Clients {
	return awsapi.FromConfig(sdkConfig(m.URL), true)
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}
