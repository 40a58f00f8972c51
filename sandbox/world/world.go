package world

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// World is the running sandbox environment. Build it with New; Close stops
// every goroutine and listener.
type World struct {
	opts Options

	mu          sync.Mutex
	ids         *ids
	net         *network
	insts       []*instance // launch order
	instBy      map[string]*instance
	transit     map[*instance]struct{} // instances in a timed state
	seq         int
	group       *group
	lb          balancer
	disruptions map[int]disruption
	nextDisrupt int
	natDeletes  []natDelete
	dirty       bool // the group must reconcile
	lastPurge   time.Time

	db    *database
	truth *truth
	stats lbStats

	transport *http.Transport
	appBase   *url.URL
	lbURL     string
	lbLn      net.Listener
	appLn     net.Listener
	servers   []*http.Server
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
}

type natDelete struct {
	id  string
	due time.Time
}

// ListenOptions lets the assembly choose the load balancer's listener (for
// example to bind a standby on the same port of another loopback address).
type ListenOptions struct {
	LB net.Listener // nil: Options.ListenHost on a port the OS picks
}

// New builds the world in steady state (every instance running, in service
// and healthy) and starts it. The world runs until Close: ctx's values reach
// the request handlers, its cancellation does not stop the world (a setup
// deadline must not tear the environment down).
func New(ctx context.Context, o Options, lo ListenOptions) (*World, error) {
	o = o.withDefaults()
	if o.Instances > 10000 {
		return nil, fmt.Errorf("not building the world: %d instances is more than the sandbox's 10,000", o.Instances)
	}
	if o.HealthCheckType != HealthCheckEC2 && o.HealthCheckType != HealthCheckELB {
		return nil, fmt.Errorf("not building the world: health check type %q is not EC2 or ELB", o.HealthCheckType)
	}
	now := time.Now()
	w := &World{opts: o, ids: newIDs(o.Seed), instBy: map[string]*instance{}, transit: map[*instance]struct{}{},
		disruptions: map[int]disruption{}, truth: newTruth(), lastPurge: now}
	w.net = buildNetwork(w.ids, now)
	w.group = &group{desired: o.Instances, created: now, capErrs: map[int]capacityError{}, retryAt: map[string]time.Time{},
		tags: map[string]string{"Name": ASGName, "Environment": "staging"}}
	w.group.arn = "arn:aws:autoscaling:" + Region + ":" + AccountID + ":autoScalingGroup:" + w.uuid() + ":autoScalingGroupName/" + ASGName
	w.db = newDatabase(o.ReplicationLag, w.truth, w.now)
	azs := AZs()
	for k := 0; k < o.Instances; k++ {
		az := azs[k%len(azs)]
		i, ok := w.newInstance(az, now, StateRunning)
		if !ok {
			return nil, fmt.Errorf("not building the world: subnet of %s is full", az)
		}
		w.register(i, now)
		i.lbHealthy, i.okStreak = true, o.HealthyThreshold
		w.group.activities = append(w.group.activities, &Activity{ID: w.uuid(), Description: "Launching a new EC2 instance: " + i.id,
			Cause:     "At " + now.UTC().Format(time.RFC3339) + " a user request created an AutoScalingGroup changing the desired capacity from 0 to " + fmt.Sprint(o.Instances) + ".",
			StartTime: now, EndTime: now, StatusCode: "Successful", Progress: 100,
			Details: fmt.Sprintf(`{"Subnet ID":%q,"Availability Zone":%q}`, i.subnetID, az)})
	}
	w.rebuildHealthy()
	if err := w.listen(lo); err != nil {
		return nil, err
	}
	ctx, w.cancel = context.WithCancel(context.WithoutCancel(ctx))
	w.start(ctx, ctx.Done())
	return w, nil
}

func (w *World) listen(lo ListenOptions) error {
	var err error
	w.lbLn = lo.LB
	if w.lbLn == nil {
		if w.lbLn, err = net.Listen("tcp", net.JoinHostPort(w.opts.ListenHost, "0")); err != nil {
			return fmt.Errorf("not starting the load balancer: %w", err)
		}
	}
	if w.appLn, err = net.Listen("tcp", net.JoinHostPort(w.opts.ListenHost, "0")); err != nil {
		w.lbLn.Close()
		return fmt.Errorf("not starting the instance listener: %w", err)
	}
	w.appBase = &url.URL{Scheme: "http", Host: w.appLn.Addr().String()}
	w.lbURL = "http://" + w.lbLn.Addr().String()
	w.transport = &http.Transport{
		DialContext:           (&net.Dialer{Timeout: time.Second}).DialContext,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: w.opts.TargetTimeout,
	}
	return nil
}

func (w *World) start(ctx context.Context, done <-chan struct{}) {
	for _, s := range []struct {
		ln net.Listener
		h  http.Handler
	}{{w.lbLn, w.lbHandler()}, {w.appLn, w.appHandler()}} {
		srv := &http.Server{Handler: s.h, ReadHeaderTimeout: 5 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
		w.servers = append(w.servers, srv)
		w.wg.Add(1)
		go func(ln net.Listener) {
			defer w.wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				w.record("listener-failed", ln.Addr().String(), err.Error())
			}
		}(s.ln)
	}
	w.every(done, w.opts.Tick, func(now time.Time) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.advance(now)
		if w.dirty {
			w.dirty = false
			w.reconcile(now)
		}
		w.evalAvailability(now)
	})
	w.every(done, w.opts.HealthInterval, func(now time.Time) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.healthRound(now)
	})
	// Publish once at start so alarms on host counts have data at once.
	w.publish(time.Now())
	w.every(done, w.opts.MetricsInterval, w.publish)
	// Every health interval the group re-checks itself even when nothing
	// changed, as AWS's periodic health checks do (and retries failed launches).
	w.every(done, max(w.opts.HealthInterval, w.opts.Tick*5), func(time.Time) {
		w.mu.Lock()
		w.dirty = true
		w.mu.Unlock()
	})
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		<-done
		w.stopServers()
	}()
}

func (w *World) every(done <-chan struct{}, d time.Duration, f func(time.Time)) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				f(time.Now())
			}
		}
	}()
}

func (w *World) stopServers() {
	for _, s := range w.servers {
		s.Close()
	}
	w.transport.CloseIdleConnections()
}

// Close stops the world: listeners, loops and idle connections.
func (w *World) Close() error {
	w.closeOnce.Do(func() {
		w.cancel()
		w.stopServers()
		w.wg.Wait()
	})
	return nil
}

func (w *World) now() time.Time { return time.Now() }

// changed re-evaluates what a mutation may have changed. Caller holds the lock.
func (w *World) changed(now time.Time) {
	w.dirty = true
	w.evalAvailability(now)
}

// URL is the load balancer's base URL.
func (w *World) URL() string { return w.lbURL }

// LBAddr is the load balancer's listening address.
func (w *World) LBAddr() net.Addr { return w.lbLn.Addr() }

// InstanceURL is the base URL of one instance on the shared listener
// (requests to it bypass the load balancer).
func (w *World) InstanceURL(id string) string { return w.appBase.String() + "/i/" + id }

// Options returns the knobs in effect (defaults filled in).
func (w *World) Options() Options { return w.opts }
