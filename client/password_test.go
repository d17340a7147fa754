package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A password never appears, even in part, in an error of New: whatever it holds (commas, @, :,
// /, %, spaces, =), wherever it is given (a connection string, a URI, the component's
// variables, Aspire's section), and whatever fails (parsing, connecting, authenticating). The
// servers are real and want another password, so that every case fails somewhere.
func TestNoPieceOfAPasswordInAnyError(t *testing.T) {
	s := startRedis(t, serverConfig{password: "Other-0ne"})
	ca := newTestCA(t)
	secure := startRedis(t, serverConfig{ca: ca, password: "Other-0ne"})
	passwords := []string{
		"Qz8,Wk3",                  // a comma: the rest looks like an endpoint
		"Qz8,Wk3,Jv5",              // two
		"Qz8, Wk3 Jv5",             // a comma and spaces
		"Qz8,Wk3=Jv5",              // a comma, then what looks like an unknown key
		"Qz8,ssl=Wk3Jv5",           // a comma, then what looks like a known key with a bad value
		"Qz8,CHANNELPREFIX=Wk3Jv5", // a comma, then what looks like a known key (keys match whatever their case) with a good value
		"Qz8@Wk3:Jv5",              // @ and :, as in a URI's credentials
		"Qz8/Wk3Jv5",               // a slash
		"4242/Qz8Wk3",              // a slash after digits: a URI's port and path
		"Qz8%Wk3",                  // a percent sign that is no escape
		"Qz8%2CWk3",                // one that is
		"Qz8 Wk3",                  // a space
		"Qz8=Wk3==",                // equals signs, as base64 ends
		"Qz8#Wk3?Jv5",              // a URI's fragment and query
		"Qz8?Wk3=Jv5",              // a URI's query
	}
	type setting struct {
		name string
		give func(addr, password string) (options, map[string]string)
	}
	connectionString := func(addr, password string) string { return addr + ",password=" + password + ",abortConnect=true" }
	uri := func(addr, password string) string { return "redis://default:" + password + "@" + addr }
	encoded := func(addr, password string) string {
		return (&url.URL{Scheme: "redis", User: url.UserPassword("default", password), Host: addr}).String()
	}
	settings := []setting{
		{"WithConnectionString", func(addr, pw string) (options, map[string]string) {
			return collect([]Option{WithConnectionString(connectionString(addr, pw))}), nil
		}},
		{"ConnectionStrings__cache", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"ConnectionStrings__cache": connectionString(addr, pw)}
		}},
		{"ConnectionStrings__cache, a URI", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"ConnectionStrings__cache": uri(addr, pw)}
		}},
		{"CACHE_URI as written", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"CACHE_URI": uri(addr, pw)}
		}},
		{"CACHE_URI percent-encoded", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"CACHE_URI": encoded(addr, pw)}
		}},
		{"CACHE_HOST and CACHE_PASSWORD", func(addr, pw string) (options, map[string]string) {
			host, port, _ := strings.Cut(addr, ":")
			return options{}, map[string]string{"CACHE_HOST": host, "CACHE_PORT": port, "CACHE_PASSWORD": pw}
		}},
		{"Aspire's keyed section", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"Aspire__StackExchange__Redis__cache__ConnectionString": connectionString(addr, pw)}
		}},
		{"Aspire's section", func(addr, pw string) (options, map[string]string) {
			return options{}, map[string]string{"Aspire__StackExchange__Redis__ConnectionString": connectionString(addr, pw)}
		}},
	}
	for _, password := range passwords {
		for _, setting := range settings {
			t.Run(setting.name+" "+password, func(t *testing.T) {
				o, env := setting.give(s.addr, password)
				expectNoPiece(t, o, env, password, s.addr)
			})
		}
	}
	// Passwords holding keys (an error names keys): the pieces that are no key's never appear.
	for _, password := range []string{
		"Qz8,name=x,connectTimeout=Wk3Jv5", // a known key with a bad value, two items after password=
		"Qz8,name=x,Wk3Jv5=1",              // an unknown key, two items after password=
		"Qz8,name=x,ssl=Wk3Jv5",            // a known key with a bad value
	} {
		for _, setting := range settings {
			t.Run(setting.name+" "+password, func(t *testing.T) {
				o, env := setting.give(s.addr, password)
				msg := failure(t, o, env, s.addr)
				for _, piece := range []string{"Qz8", "Wk3", "Jv5"} {
					if strings.Contains(msg, piece) {
						t.Errorf("the error shows %q of the password %q: %s", piece, password, msg)
					}
				}
			})
		}
	}
	// The rest of a password taken for sslHost reaches the TLS stack, whose error quotes it.
	t.Run("the rest of a password taken for sslHost", func(t *testing.T) {
		password := "Qz8,sslHost=Wk3Jv5.example"
		o := collect([]Option{WithConnectionString(secure.addr + ",ssl=true,abortConnect=true,password=" + password), WithTLSConfig(ca.clientConfig())})
		expectNoPiece(t, o, nil, password, secure.addr)
	})
}

// expectNoPiece makes a client of the settings and expects an error that shows no piece of
// password, of 3 characters or more (addr, which is in some errors, aside).
func expectNoPiece(t *testing.T, o options, env map[string]string, password, addr string) {
	t.Helper()
	msg := failure(t, o, env, addr)
	for n := 3; n <= len(password); n++ {
		for i := 0; i+n <= len(password); i++ {
			if piece := password[i : i+n]; strings.Contains(msg, piece) {
				t.Fatalf("the error shows %q of the password %q: %s", piece, password, msg)
			}
		}
	}
}

// failure is the error of New with the settings, addr replaced by <addr>.
func failure(t *testing.T, o options, env map[string]string, addr string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := open(ctx, "cache", o, environmentOf(env))
	if err == nil {
		c.Close()
		t.Fatal("New succeeded with the wrong password")
	}
	return strings.ReplaceAll(err.Error(), addr, "<addr>")
}

// redact blanks secrets of 3 characters or more out of an error's message and keeps what
// errors.Is says of it.
func TestRedact(t *testing.T) {
	base := fmt.Errorf("dialing Wk3Jv5.example: %w", context.DeadlineExceeded)
	tests := []struct {
		name    string
		secrets []string
		want    string
	}{
		{"no secret", nil, "dialing Wk3Jv5.example: context deadline exceeded"},
		{"a secret in the message", []string{"Wk3Jv5.example"}, "dialing [redacted]: context deadline exceeded"},
		{"a secret of 2 characters is left", []string{"Wk"}, "dialing Wk3Jv5.example: context deadline exceeded"},
		{"a secret not in the message", []string{"Qz8"}, "dialing Wk3Jv5.example: context deadline exceeded"},
		{"two", []string{"Wk3", "example"}, "dialing [redacted]Jv5.[redacted]: context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := redact(base, tt.secrets)
			if err.Error() != tt.want {
				t.Errorf("%q, want %q", err, tt.want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Error("errors.Is no longer finds the cause")
			}
			if err != base && errors.Unwrap(err) != nil {
				t.Errorf("errors.Unwrap hands the message with the secret back: %v", errors.Unwrap(err))
			}
		})
	}
}
