package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/auth"
)

// RedisScope is the scope of the Entra ID tokens Azure Managed Redis accepts.
const RedisScope = "https://redis.azure.com/.default"

// How tokens are kept fresh.
const (
	// refreshRatio: a token is refreshed once this share of its lifetime has passed, leaving
	// the rest for retries should the credential fail.
	refreshRatio = 0.7
	// retryInterval: after the credential fails, commands that need a token fail at once with
	// its error for this long, instead of each asking it again (IMDS answering 503 is asked
	// once a second, not once per command). A request unanswered for this long is presumed hung
	// (IMDS unreachable): the next caller starts another beside it.
	retryInterval = time.Second
	// maxRefreshBackoff caps the wait between the refresher's attempts while the credential
	// fails and the current token is still valid.
	maxRefreshBackoff = 30 * time.Second
	// tokenRequestTimeout bounds one request to the credential. A request runs on its own,
	// never under the context of the command that started it: a credential slower than the
	// commands' deadlines still gives a token, which the next command finds.
	tokenRequestTimeout = 30 * time.Second
)

// entraCredentials is the client's Entra ID credentials: a go-redis
// auth.StreamingCredentialsProvider over an azcore.TokenCredential. Each connection subscribes
// when it opens and is told of every new token, which go-redis sends (AUTH) on it.
//
// It replaces go-redis-entraid's provider, whose v1.0.6 (README.md, "go-redis-entraid", says how it
// was judged) still leaves a lock held when a connection opens while the credential fails (every
// later command then hangs), runs its refresh loop from construction until a subscriber leaves
// (Close cannot stop it on a client that never connected, or after a failed New), fails at
// construction when the credential does, and makes the command that needs a token wait for the
// credential up to its own 30 s timeout, whatever the command's context. Here:
//   - Subscribe never waits for the credential: it hands out the current token, or fails at once
//     when there is no valid one. Commands get a missing token first (hook below), waiting within
//     their own context, so no command outlives its context however the credential behaves.
//   - A request to the credential runs on its own, bounded by tokenRequestTimeout, not by the
//     context of whoever started it: callers wait for it under their own context and give up
//     alone, and the next caller joins it instead of starting another. A credential that answers
//     more slowly than the commands' deadlines still gives a token.
//   - Listeners are told of new tokens without any lock held, and never of errors: a failed
//     refresh leaves the open connections on their current token (go-redis would answer an error
//     by closing connections, which a new token is needed to reopen anyway).
//   - A background refresh runs only while a connection is subscribed: closing the client closes
//     every connection, which stops it. A client with no connection has nothing running.
type entraCredentials struct {
	cred azcore.TokenCredential

	latest atomic.Pointer[entraToken] // the newest token: the commands' fast path reads only this

	mu          sync.Mutex
	fetching    *tokenFetch   // the newest request to the credential under way, if any
	answered    chan struct{} // closed, and replaced, each time a request answers
	lastErr     error         // the credential's last failure, nil since its last success
	failedAt    time.Time
	succeededAt time.Time // when the request that gave the newest token started
	listeners   map[auth.CredentialsListener]struct{}
	stop        context.CancelFunc // stops the refresher; nil when none runs
}

// newEntraCredentials uses cred, or azidentity's DefaultAzureCredential when cred is nil.
func newEntraCredentials(cred azcore.TokenCredential) (*entraCredentials, error) {
	if cred == nil {
		var err error
		if cred, err = azidentity.NewDefaultAzureCredential(nil); err != nil {
			return nil, fmt.Errorf("Entra ID: the default Azure credential: %w", err)
		}
	}
	return &entraCredentials{cred: cred, answered: make(chan struct{}), listeners: map[auth.CredentialsListener]struct{}{}}, nil
}

// entraToken is one token and the user it authenticates: its object id (oid claim).
type entraToken struct {
	user, password string
	expiresOn      time.Time
	refreshAt      time.Time
}

func (t *entraToken) BasicAuth() (string, string) { return t.user, t.password }
func (t *entraToken) RawCredentials() string      { return t.user + ":" + t.password }
func (t *entraToken) valid(now time.Time) bool    { return t != nil && now.Before(t.expiresOn) }

// current is a token valid now, or nil.
func (p *entraCredentials) current() *entraToken {
	if t := p.latest.Load(); t.valid(time.Now()) {
		return t
	}
	return nil
}

// token is a valid token, asking the credential when there is none; ctx bounds the wait.
func (p *entraCredentials) token(ctx context.Context) (*entraToken, error) {
	for {
		if t := p.current(); t != nil {
			return t, nil
		}
		f, answered, err := p.join(false)
		if err != nil {
			return nil, err
		}
		select {
		case <-answered: // some request answered: ours, or another one
			if t := p.current(); t != nil {
				return t, nil
			}
			if err := f.failure(); err != nil {
				return nil, err
			}
		case <-ctx.Done():
			return nil, fmt.Errorf("Entra ID token for %s: %w", RedisScope, ctx.Err())
		}
	}
}

// tokenFetch is one request to the credential, shared by everyone who needs its answer.
type tokenFetch struct {
	started time.Time
	done    chan struct{} // closed once token or err is set
	token   *entraToken
	err     error
}

// failure is the credential's error once the request failed; nil while it runs or after it
// succeeded.
func (f *tokenFetch) failure() error {
	select {
	case <-f.done:
		return f.err
	default:
		return nil
	}
}

// join returns the request under way, or starts one, and a channel closed when any request
// answers. A request unanswered after retryInterval (a credential that hangs) is left to finish
// on its own while another one starts. Within retryInterval of a failure no request starts and
// the failure is returned, unless force (the refresher, which keeps its own pace).
func (p *entraCredentials) join(force bool) (*tokenFetch, <-chan struct{}, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if f := p.fetching; f != nil && time.Since(f.started) < retryInterval {
		return f, p.answered, nil
	}
	if !force && p.lastErr != nil && time.Since(p.failedAt) < retryInterval {
		return nil, nil, fmt.Errorf("Entra ID: no valid token (the credential failed %s ago; asked again after %s): %w",
			time.Since(p.failedAt).Round(time.Millisecond), retryInterval, p.lastErr)
	}
	f := &tokenFetch{started: time.Now(), done: make(chan struct{})}
	p.fetching = f
	go p.fetch(f)
	return f, p.answered, nil
}

// fetch asks the credential, under a timeout of its own, records the answer and tells the
// listeners of a new token.
func (p *entraCredentials) fetch(f *tokenFetch) {
	ctx, cancel := context.WithTimeout(context.Background(), tokenRequestTimeout)
	f.token, f.err = p.request(ctx)
	cancel()
	p.mu.Lock()
	if p.fetching == f {
		p.fetching = nil
	}
	var listeners []auth.CredentialsListener
	switch {
	case f.err == nil:
		previous := p.latest.Load()
		if previous == nil || !f.token.expiresOn.Before(previous.expiresOn) {
			p.latest.Store(f.token)
			p.lastErr, p.succeededAt = nil, f.started
			if previous == nil || previous.password != f.token.password {
				for l := range p.listeners {
					listeners = append(listeners, l)
				}
			}
		}
	case !f.started.Before(p.succeededAt):
		// The credential failed (a request older than a success says nothing of it).
		p.lastErr, p.failedAt = f.err, time.Now()
	}
	close(f.done)
	close(p.answered)
	p.answered = make(chan struct{})
	p.mu.Unlock()
	for _, l := range listeners {
		l.OnNext(f.token) // no lock held: a listener may unsubscribe from here
	}
}

// request asks the credential for a token and reads its object id.
func (p *entraCredentials) request(ctx context.Context) (*entraToken, error) {
	received := time.Now()
	at, err := p.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{RedisScope}})
	if err != nil {
		return nil, fmt.Errorf("Entra ID token for %s: %w", RedisScope, err)
	}
	if !at.ExpiresOn.After(received) {
		return nil, fmt.Errorf("Entra ID token for %s: the credential returned a token that expired at %s", RedisScope, at.ExpiresOn.Format(time.RFC3339))
	}
	oid, err := objectID(at.Token)
	if err != nil {
		return nil, fmt.Errorf("Entra ID token for %s: %w", RedisScope, err)
	}
	refreshAt := received.Add(time.Duration(refreshRatio * float64(at.ExpiresOn.Sub(received))))
	if !at.RefreshOn.IsZero() && at.RefreshOn.Before(refreshAt) {
		refreshAt = at.RefreshOn
	}
	return &entraToken{user: oid, password: at.Token, expiresOn: at.ExpiresOn, refreshAt: refreshAt}, nil
}

// objectID reads the oid claim of a JWT: Azure Managed Redis's user name for the token. The
// token is not verified here; the server does that.
func objectID(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("the token is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return "", errors.New("the token's claims are not base64url")
	}
	var claims struct {
		OID string `json:"oid"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.OID == "" {
		return "", errors.New("the token carries no oid claim (object id), the user name Azure Managed Redis expects")
	}
	return claims.OID, nil
}

// Subscribe is go-redis's call when a connection opens: it returns the current token at once,
// or fails at once when there is no valid one (the command that opened the connection has
// already tried to get one, within its context).
func (p *entraCredentials) Subscribe(l auth.CredentialsListener) (auth.Credentials, auth.UnsubscribeFunc, error) {
	t := p.current()
	p.mu.Lock()
	defer p.mu.Unlock()
	if t == nil {
		if p.lastErr != nil {
			return nil, nil, fmt.Errorf("Entra ID: no valid token: %w", p.lastErr)
		}
		return nil, nil, errors.New("Entra ID: no valid token yet")
	}
	p.listeners[l] = struct{}{}
	if p.stop == nil {
		ctx, stop := context.WithCancel(context.Background())
		p.stop = stop
		go p.refresh(ctx)
	}
	return t, func() error { p.unsubscribe(l); return nil }, nil
}

// unsubscribe is go-redis's call when a connection closes; the last one stops the refresher.
func (p *entraCredentials) unsubscribe(l auth.CredentialsListener) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.listeners, l)
	if len(p.listeners) == 0 && p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

// refresh keeps the token fresh until ctx ends: it asks at refreshRatio of the newest token's
// lifetime and, while no new token arrives, again after a growing backoff (a failing credential
// is asked once a second at first, a hanging one gets a new request, the old one left to time
// out). It plans again whenever any request answers, so a token a command got during an outage
// resets the schedule.
func (p *entraCredentials) refresh(ctx context.Context) {
	attempts := 0 // requests since the newest token arrived
	for {
		p.mu.Lock()
		answered, newest := p.answered, p.latest.Load()
		p.mu.Unlock()
		wait := time.Duration(0)
		if newest != nil {
			wait = max(time.Until(newest.refreshAt), 0)
		}
		if attempts > 0 {
			wait = max(wait, min(retryInterval<<min(attempts-1, 5), maxRefreshBackoff))
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-answered:
			timer.Stop()
			if p.latest.Load() != newest {
				attempts = 0
			}
			continue
		case <-timer.C:
		}
		p.join(true)
		attempts++
	}
}

// hook gets a token before a command needs a connection, within the command's context: the
// only place the client waits for the credential. Commands fail with the credential's error
// when it cannot give one.
func (p *entraCredentials) hook() redis.Hook { return entraHook{p} }

type entraHook struct{ p *entraCredentials }

func (h entraHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h entraHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if _, err := h.p.token(ctx); err != nil {
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (h entraHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if _, err := h.p.token(ctx); err != nil {
			for _, cmd := range cmds {
				cmd.SetErr(err)
			}
			return err
		}
		return next(ctx, cmds)
	}
}
