package component

import (
	"runtime"
	"sync"
	"weak"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Azure refuses a second access policy assignment on a database while one is in progress
// (aspire#13043), and a program may grant several apps access to one cache with a
// ManagedRedisAccess each. So the EntraId accesses of one program form a queue: each assignment
// waits for the one registered before it. They take seconds each; a queue per program is
// simpler than one per database, whose name may not be known when the access is registered.

type accessQueue struct {
	mu   sync.Mutex
	last pulumi.Resource
}

var (
	queuesMu sync.Mutex
	// queues are keyed weakly by program, so that a finished program's queue goes away.
	queues = map[weak.Pointer[pulumi.Context]]*accessQueue{}
)

// accessQueueOf is the queue of ctx's program.
func accessQueueOf(ctx *pulumi.Context) *accessQueue {
	key := weak.Make(ctx)
	queuesMu.Lock()
	defer queuesMu.Unlock()
	q, ok := queues[key]
	if !ok {
		q = &accessQueue{}
		queues[key] = q
		runtime.AddCleanup(ctx, func(key weak.Pointer[pulumi.Context]) {
			queuesMu.Lock()
			defer queuesMu.Unlock()
			delete(queues, key)
		}, key)
	}
	return q
}

// next registers an assignment with register, given what it must wait for, and makes it the
// one the next must wait for.
func (q *accessQueue) next(register func(previous []pulumi.Resource) (pulumi.Resource, error)) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	var previous []pulumi.Resource
	if q.last != nil {
		previous = []pulumi.Resource{q.last}
	}
	assignment, err := register(previous)
	if err == nil {
		q.last = assignment
	}
	return err
}
