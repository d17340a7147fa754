package client

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/redis/go-redis/v9"
)

// Clients are keyed clients, one per connection name, as Aspire's AddKeyedRedisClient gives an
// app several caches.
type Clients struct {
	names   []string
	clients map[string]redis.UniversalClient
}

// NewClients makes a client per name as New does, each reading its own settings (Aspire's keyed
// section included); the options apply to all of them. WithConnectionString, which would give
// them all the same settings, is refused with more than one name. When one fails, those already
// made are closed.
func NewClients(ctx context.Context, names []string, opts ...Option) (*Clients, error) {
	o, env := collect(opts), readEnvironment(os.Environ())
	if o.connectionString != nil && len(names) > 1 {
		return nil, errors.New("client: WithConnectionString gives every keyed client the same settings: " +
			"set ConnectionStrings__<name> for each, or call New per name")
	}
	c := &Clients{clients: map[string]redis.UniversalClient{}}
	for _, name := range names {
		if _, dup := c.clients[name]; dup {
			c.Close()
			return nil, fmt.Errorf("client: connection name %q given twice", name)
		}
		client, err := open(ctx, name, o, env)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.names = append(c.names, name)
		c.clients[name] = client
	}
	return c, nil
}

// Get is the client of a connection name, nil for a name NewClients was not given (and on nil
// Clients, as a failed NewClients returns).
func (c *Clients) Get(name string) redis.UniversalClient {
	if c == nil {
		return nil
	}
	return c.clients[name]
}

// Names are the connection names, in the order given (none on nil Clients).
func (c *Clients) Names() []string {
	if c == nil {
		return nil
	}
	return slices.Clone(c.names)
}

// errNilClients is what nil Clients answer HealthCheck and Close.
var errNilClients = errors.New("client: nil *Clients (did NewClients fail?)")

// HealthCheck checks every client (see HealthCheck), and names the ones that fail; nil Clients
// are unhealthy.
func (c *Clients) HealthCheck() func(context.Context) error {
	if c == nil {
		return func(context.Context) error { return errNilClients }
	}
	return func(ctx context.Context) error {
		var errs []error
		for _, name := range c.names {
			if err := HealthCheck(c.clients[name])(ctx); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
			}
		}
		return errors.Join(errs...)
	}
}

// Close closes every client; on nil Clients it is an error, not a panic.
func (c *Clients) Close() error {
	if c == nil {
		return errNilClients
	}
	var errs []error
	for _, name := range c.names {
		if err := c.clients[name].Close(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}
