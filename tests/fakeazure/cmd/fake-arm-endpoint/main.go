// Command fake-arm-endpoint serves the fake Azure's Resource Manager endpoint (package
// fakeazure, arm.go) over the store of FAKE_AZURE_STATE, for `make sandbox`: the package's
// plugin calls it for its own operations (the migration's host name switch, key rotation), as
// the engine tests' worlds do in process. It writes its URL to <state>/arm-endpoint.url and its
// certificate to <state>/fake-arm-ca.pem, and ends with the process it watches (-watch-pid:
// the sandbox's shell) or on a signal. It is a test double: it talks to no Azure.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

func main() {
	watch := flag.Int("watch-pid", 0, "end when this process ends")
	flag.Parse()
	if err := run(*watch); err != nil {
		fmt.Fprintln(os.Stderr, "fake-arm-endpoint:", err)
		os.Exit(1)
	}
}

func run(watch int) error {
	dir := os.Getenv("FAKE_AZURE_STATE")
	if dir == "" {
		return fmt.Errorf("FAKE_AZURE_STATE is not set")
	}
	store, err := fakeazure.OpenStore(dir)
	if err != nil {
		return err
	}
	endpoint, err := fakeazure.StartARM(store, dir)
	if err != nil {
		return err
	}
	defer endpoint.Close()
	if err := os.WriteFile(filepath.Join(dir, "arm-endpoint.url"), []byte(endpoint.URL()+"\n"), 0o644); err != nil {
		return err
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	for {
		select {
		case <-signals:
			return nil
		case <-time.After(time.Second):
			if watch > 0 && syscall.Kill(watch, 0) != nil {
				return nil
			}
		}
	}
}
