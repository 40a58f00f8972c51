package probing

import "container/heap"

// dueQueue orders slots by their next due time; only the dispatcher
// goroutine touches it.
type dueQueue []*slot

var _ heap.Interface = (*dueQueue)(nil)

func (q dueQueue) Len() int           { return len(q) }
func (q dueQueue) Less(i, j int) bool { return q[i].due.Before(q[j].due) }
func (q dueQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

func (q *dueQueue) Push(x any) {
	s := x.(*slot)
	s.index = len(*q)
	*q = append(*q, s)
}

func (q *dueQueue) Pop() any {
	old := *q
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	s.index = -1
	return s
}
