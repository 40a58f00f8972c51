package state

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// A game day's lock is the object locks/NAME.json in the same store as the
// journals. It is taken with Create (local: O_EXCL; S3: If-None-Match "*"),
// so of two runners exactly one gets it. It is a lease: its holder renews
// it every TTL/3 with Swap (S3: If-Match on the ETag it last wrote), and a
// lock whose lease has expired (its holder died without releasing it) or
// whose holder is known dead can be taken over, again with Swap, so of two
// runners taking it over exactly one wins.
//
// Expiry compares the holder's clock (which wrote Expires) with the
// reader's: clocks skewed by more than the margin TTL leaves make a lock
// look expired early or late.

// DefaultLockTTL is a lease long enough to ride out a slow S3 call or two
// and short enough that a runner lost in CI blocks the next one briefly.
const DefaultLockTTL = 30 * time.Second

// LockInfo is the content of a lock: who holds it, until when.
type LockInfo struct {
	GameDay  string    `json:"gameday"`
	RunID    string    `json:"run"`
	Host     string    `json:"host"`
	PID      int       `json:"pid"`
	Acquired time.Time `json:"acquired"`
	Expires  time.Time `json:"expires"`
}

// LockKey is the key of game day name's lock. Characters outside letters,
// digits, '-', '_' and '.' become '_', and a leading dot is escaped, so any
// name makes a valid key.
func LockKey(gameday string) string {
	var b strings.Builder
	for i, r := range gameday {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || (r == '.' && i > 0)
		if !ok {
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		b.WriteString("_")
	}
	return "locks/" + b.String() + ".json"
}

// LockedError is the answer when another run holds the lock.
type LockedError struct {
	Key    string
	Holder LockInfo
}

func (e *LockedError) Error() string {
	h := e.Holder
	return fmt.Sprintf("game day %q is locked by run %s (host %s, pid %d) since %s; its lease runs until %s. "+
		"If that run is dead, wait for the lease to expire or use --force-unlock",
		h.GameDay, h.RunID, h.Host, h.PID, h.Acquired.Format(time.RFC3339), h.Expires.Format(time.RFC3339))
}

// LockOptions tune AcquireLock.
type LockOptions struct {
	// TTL is the lease; 0: DefaultLockTTL.
	TTL time.Duration
	// Force takes the lock over whoever holds it (--force-unlock).
	Force bool
	// Alive, when set, lets a lock whose holder is known dead (same host,
	// process gone) be taken over before its lease expires.
	Alive func(host string, pid int) bool
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// Logf reports a takeover and renewal trouble; nil: silent.
	Logf func(format string, args ...any)
}

// Lock is a held lock. Its lease is renewed in the background until
// Release.
type Lock struct {
	st   Store
	key  string
	opts LockOptions
	info LockInfo

	mu      sync.Mutex
	current []byte // what the store holds, as last written by us
	lostErr error

	lost chan struct{}
	stop chan struct{}
	done chan struct{}
}

// AcquireLock takes game day owner.GameDay's lock for owner.RunID, or
// answers a *LockedError naming the holder. owner's Host and PID are
// filled in when empty.
func AcquireLock(ctx context.Context, st Store, owner LockInfo, o LockOptions) (*Lock, error) {
	if o.TTL <= 0 {
		o.TTL = DefaultLockTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if owner.Host == "" {
		owner.Host, _ = os.Hostname()
	}
	if owner.PID == 0 {
		owner.PID = os.Getpid()
	}
	l := &Lock{st: st, key: LockKey(owner.GameDay), opts: o, info: owner,
		lost: make(chan struct{}), stop: make(chan struct{}), done: make(chan struct{})}
	// A few rounds: the holder may release or renew between our calls.
	for attempt := 0; attempt < 5; attempt++ {
		held, err := l.tryAcquire(ctx)
		if err != nil || held {
			if held {
				go l.renew()
			}
			return l, err
		}
	}
	return nil, fmt.Errorf("not locking game day %q: the lock at %s kept changing while it was being taken", owner.GameDay, st.Location(l.key))
}

// tryAcquire makes one attempt: create, or take over a stale lock.
func (l *Lock) tryAcquire(ctx context.Context) (bool, error) {
	now := l.opts.Now()
	l.info.Acquired, l.info.Expires = now.UTC(), now.Add(l.opts.TTL).UTC()
	data, err := json.Marshal(l.info)
	if err != nil {
		return false, err
	}
	err = l.st.Create(ctx, l.key, data)
	if err == nil {
		l.current = data
		return true, nil
	}
	if !errors.Is(err, ErrExists) {
		return false, fmt.Errorf("not locking game day %q: %w", l.info.GameDay, err)
	}
	old, err := l.st.Get(ctx, l.key)
	if errors.Is(err, ErrNotFound) {
		return false, nil // released meanwhile: try creating again
	}
	if err != nil {
		return false, fmt.Errorf("not locking game day %q: reading the lock: %w", l.info.GameDay, err)
	}
	var holder LockInfo
	// An unparsable lock (a crash between O_EXCL and the write) holds
	// nothing: it is taken over like an expired one.
	parseErr := json.Unmarshal(old, &holder)
	why := ""
	switch {
	case l.opts.Force:
		why = "forced (--force-unlock)"
	case parseErr != nil:
		why = "its content was unreadable"
	case !now.Before(holder.Expires):
		why = fmt.Sprintf("its lease expired at %s", holder.Expires.Format(time.RFC3339))
	case l.opts.Alive != nil && holder.PID > 0 && !l.opts.Alive(holder.Host, holder.PID):
		if h, _ := os.Hostname(); h == holder.Host {
			why = fmt.Sprintf("its process %d on this host is gone", holder.PID)
		}
	}
	if why == "" {
		return false, &LockedError{Key: l.key, Holder: holder}
	}
	err = l.st.Swap(ctx, l.key, old, data)
	if errors.Is(err, ErrChanged) {
		return false, nil // renewed, released or taken by another: look again
	}
	if err != nil {
		return false, fmt.Errorf("not taking over the lock of game day %q: %w", l.info.GameDay, err)
	}
	l.current = data
	l.opts.Logf("took over the lock of game day %q from run %s (host %s, pid %d): %s", l.info.GameDay, holder.RunID, holder.Host, holder.PID, why)
	return true, nil
}

// renew extends the lease every TTL/3 until Release. The lease is lost
// when the lock is found changed (taken over) or when no renewal succeeded
// before it expired.
func (l *Lock) renew() {
	defer close(l.done)
	every := l.opts.TTL / 3
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		l.mu.Lock()
		old := l.current
		l.mu.Unlock()
		info := l.info
		now := l.opts.Now()
		info.Expires = now.Add(l.opts.TTL).UTC()
		data, _ := json.Marshal(info)
		ctx, cancel := context.WithTimeout(context.Background(), every)
		err := l.st.Swap(ctx, l.key, old, data)
		cancel()
		switch {
		case err == nil:
			l.mu.Lock()
			l.current, l.info = data, info
			l.mu.Unlock()
		case errors.Is(err, ErrChanged):
			l.setLost(fmt.Errorf("the lock of game day %q was taken by another run", l.info.GameDay))
			return
		case !l.opts.Now().Before(l.info.Expires):
			l.setLost(fmt.Errorf("the lease on game day %q expired: it could not be renewed: %w", l.info.GameDay, err))
			return
		default:
			l.opts.Logf("renewing the lock of game day %q failed (the lease runs until %s): %v", l.info.GameDay, l.info.Expires.Format(time.RFC3339), err)
		}
	}
}

func (l *Lock) setLost(err error) {
	l.mu.Lock()
	l.lostErr = err
	l.mu.Unlock()
	close(l.lost)
}

// Lost is closed when the lease is lost; Err then says why.
func (l *Lock) Lost() <-chan struct{} { return l.lost }

// Err is why the lease was lost, or nil.
func (l *Lock) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lostErr
}

// Info is the lock's content as last written.
func (l *Lock) Info() LockInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.info
}

// Release stops renewing and deletes the lock if it is still ours.
func (l *Lock) Release(ctx context.Context) error {
	select {
	case <-l.stop:
		return nil
	default:
	}
	close(l.stop)
	<-l.done
	if l.Err() != nil {
		return nil // someone else holds it now: not ours to delete
	}
	l.mu.Lock()
	cur := l.current
	l.mu.Unlock()
	err := l.st.DeleteIf(ctx, l.key, cur)
	if errors.Is(err, ErrChanged) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("releasing the lock of game day %q: %w", l.info.GameDay, err)
	}
	return nil
}

// ReadLock returns game day name's lock, and false when there is none.
func ReadLock(ctx context.Context, st Store, gameday string) (LockInfo, bool, error) {
	b, err := st.Get(ctx, LockKey(gameday))
	if errors.Is(err, ErrNotFound) {
		return LockInfo{}, false, nil
	}
	if err != nil {
		return LockInfo{}, false, err
	}
	var li LockInfo
	if err := json.Unmarshal(b, &li); err != nil {
		return LockInfo{}, false, fmt.Errorf("lock %s is unreadable: %w", st.Location(LockKey(gameday)), err)
	}
	return li, true, nil
}

// Unlock deletes game day name's lock whoever holds it (--force-unlock
// without a run).
func Unlock(ctx context.Context, st Store, gameday string) error {
	return st.Delete(ctx, LockKey(gameday))
}
