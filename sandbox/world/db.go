package world

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// database is a primary with an asynchronously replicated standby: a write
// is acknowledged once it is on the primary and reaches the standby
// ReplicationLag later. Failover promotes the standby; the writes still in
// flight are lost, exactly those.
type database struct {
	mu      sync.Mutex
	lag     time.Duration
	nodes   [2]dbNode
	primary int
	flight  []pendingWrite // acknowledged, not yet on the standby, oldest first
	truth   *truth
	now     func() time.Time
}

type dbNode struct {
	name, az string
	data     map[record]time.Time // -> acknowledged at
}

// record is one canary row: the sequence number within a run (a game-day
// run id; "" for writes that name none).
type record struct {
	run string
	seq int64
}

type pendingWrite struct {
	rec     record
	ackedAt time.Time
	applyAt time.Time
}

func newDatabase(lag time.Duration, t *truth, now func() time.Time) *database {
	return &database{lag: lag, truth: t, now: now, nodes: [2]dbNode{
		{name: DBClusterID + "-instance-1", az: "us-east-1a", data: map[record]time.Time{}},
		{name: DBClusterID + "-instance-2", az: "us-east-1b", data: map[record]time.Time{}},
	}}
}

// replicate applies the in-flight writes whose lag has passed. Caller holds db.mu.
func (d *database) replicate(now time.Time) {
	standby := &d.nodes[1-d.primary]
	n := 0
	for _, p := range d.flight {
		if now.Before(p.applyAt) {
			break
		}
		standby.data[p.rec] = p.ackedAt
		n++
	}
	d.flight = slices.Delete(d.flight, 0, n)
}

// write stores (run, seq) on the primary and acknowledges it.
func (d *database) write(run string, seq int64) (ackedAt time.Time, node string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.replicate(now)
	p := &d.nodes[d.primary]
	rec := record{run, seq}
	p.data[rec] = now
	d.flight = append(d.flight, pendingWrite{rec: rec, ackedAt: now, applyAt: now.Add(d.lag)})
	return now, p.name
}

// read returns the sequence numbers of run the current primary holds,
// ascending.
func (d *database) read(run string) (seqs []int64, node string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.replicate(d.now())
	p := &d.nodes[d.primary]
	seqs = []int64{}
	for r := range p.data {
		if r.run == run {
			seqs = append(seqs, r.seq)
		}
	}
	slices.Sort(seqs)
	return seqs, p.name
}

// failover promotes the standby. The in-flight writes are lost unless the
// standby already holds that record from an earlier write; the old primary
// is resynchronised from the new one and becomes the standby.
func (d *database) failover() (from, to string, lost []LostWrite) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.replicate(now)
	old := d.primary
	d.primary = 1 - old
	promoted := &d.nodes[d.primary]
	for _, p := range d.flight {
		if _, ok := promoted.data[p.rec]; !ok {
			lost = append(lost, LostWrite{Run: p.rec.run, Seq: p.rec.seq, AckedAt: p.ackedAt})
		}
	}
	d.flight = nil
	d.nodes[old].data = maps.Clone(promoted.data)
	d.truth.lose(lost)
	return d.nodes[old].name, promoted.name, lost
}

// FailoverDBCluster promotes the database standby, as
// aws:rds:failover-db-cluster does; acknowledged writes not yet replicated
// are lost and recorded in the ground truth.
func (w *World) FailoverDBCluster(clusterID string) error {
	if clusterID != DBClusterID {
		return fmt.Errorf("not failing over DB cluster %q: it does not exist (the sandbox has %q)", clusterID, DBClusterID)
	}
	from, to, lost := w.db.failover()
	w.truth.event(Event{At: w.now(), What: "db-failover", Resource: DBClusterID, Detail: fmt.Sprintf("%s -> %s, %d acknowledged writes lost", from, to, len(lost))})
	return nil
}

// DBPrimary returns the name of the current primary node.
func (w *World) DBPrimary() string {
	w.db.mu.Lock()
	defer w.db.mu.Unlock()
	return w.db.nodes[w.db.primary].name
}
