package component

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A real redis-server for the tests that ask Redis itself (Debian's 7.0, which CI installs with
// scripts/install-redis.sh), started on a free loopback port and stopped when the test ends, and
// one connection to it speaking RESP. No Redis is mocked.

type redisServer struct {
	conn   net.Conn
	reader *bufio.Reader
}

func startRedisServer(t *testing.T) *redisServer {
	t.Helper()
	binary, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not installed: run scripts/install-redis.sh (CI's .ci/run does), which installs Debian's redis-server")
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	listener.Close()
	dir := t.TempDir()
	server := exec.Command(binary, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--save", "", "--appendonly", "no",
		"--dir", dir, "--daemonize", "no", "--logfile", filepath.Join(dir, "redis.log"))
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		server.Process.Kill()
		server.Wait()
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			r := &redisServer{conn: conn, reader: bufio.NewReader(conn)}
			t.Cleanup(func() { conn.Close() })
			if _, err = r.do("PING"); err == nil {
				return r
			}
			conn.Close()
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "redis.log"))
			t.Fatalf("redis-server on %s did not start: %v\n%s", addr, err, log)
		}
	}
}

// do sends one command and reads its reply: a simple or bulk string, an integer as text, or
// the server's error.
func (r *redisServer) do(args ...string) (string, error) {
	var command strings.Builder
	fmt.Fprintf(&command, "*%d\r\n", len(args))
	for _, arg := range args {
		fmt.Fprintf(&command, "$%d\r\n%s\r\n", len(arg), arg)
	}
	r.conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := r.conn.Write([]byte(command.String())); err != nil {
		return "", err
	}
	line, err := r.reader.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	switch line[0] {
	case '+', ':':
		return line[1:], nil
	case '-':
		return "", errors.New(line[1:])
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", err
		}
		bulk := make([]byte, n+2)
		_, err = io.ReadFull(r.reader, bulk)
		return string(bulk[:n]), err
	}
	return "", fmt.Errorf("unexpected reply %q", line)
}

// version is the server's redis_version (INFO server).
func (r *redisServer) version(t *testing.T) string {
	t.Helper()
	info, err := r.do("INFO", "server")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "redis_version:"); ok {
			return v
		}
	}
	t.Fatalf("no redis_version in INFO server:\n%s", info)
	return ""
}
