package probing

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
)

// benchServerEnv makes the test binary serve HTTP instead of running tests,
// so the scheduler benchmark can measure its own CPU time without the
// server's.
const benchServerEnv = "GAMEDAY_PROBING_BENCH_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(benchServerEnv) == "1" {
		os.Exit(serveForBenchmark())
	}
	os.Exit(m.Run())
}

// serveForBenchmark answers every request with a small health document on
// a loopback port it prints, until its standard input closes.
func serveForBenchmark() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":"ok"}`)
	})}
	go srv.Serve(l)
	fmt.Println(l.Addr().String())
	io.Copy(io.Discard, bufio.NewReader(os.Stdin))
	srv.Close()
	return 0
}
