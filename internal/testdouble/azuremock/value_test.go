package azuremock

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// failure records how a test helper failed, as testing.T would, without failing this test.
type failure struct {
	testing.TB
	message string
}

func (f *failure) Helper() {}
func (f *failure) Fatal(args ...any) {
	f.message = fmt.Sprint(args...)
	runtime.Goexit()
}
func (f *failure) Fatalf(format string, args ...any) {
	f.message = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *failure) Errorf(format string, args ...any) { f.message = fmt.Sprintf(format, args...) }

// Value fails, rather than hangs, on an output that is unknown, failed or never resolved.
func TestValueFailsOnOutputsWithoutAValue(t *testing.T) {
	defer func(previous time.Duration) { ValueTimeout = previous }(ValueTimeout)
	ValueTimeout = 200 * time.Millisecond
	pending, _, _ := pulumi.NewOutput()
	failed, _, reject := pulumi.NewOutput()
	reject(fmt.Errorf("no such cache"))
	tests := []struct {
		name   string
		output pulumi.Output
		want   string
	}{
		{"unknown", pulumi.UnsafeUnknownOutput(nil), "unknown"},
		{"failed", failed, "no such cache"},
		{"never resolved", pending, "not resolved"},
		{"another type", pulumi.Int(1).ToIntOutput(), "want string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &failure{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				Value[string](f, tt.output)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Value hangs")
			}
			if !strings.Contains(f.message, tt.want) {
				t.Errorf("failed with %q, want %q", f.message, tt.want)
			}
		})
	}
	if got, secret := Value[string](t, pulumi.ToSecret(pulumi.String("key")).(pulumi.StringOutput)); got != "key" || !secret {
		t.Errorf("a secret: %q, secret %v", got, secret)
	}
}
