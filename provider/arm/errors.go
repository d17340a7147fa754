package arm

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Error is a failed operation: what was asked of which resource, and what Azure answered, with
// what to do about it. It never holds the token.
type Error struct {
	// Operation is what was asked, e.g. "start the migration".
	Operation string
	// ID is the ARM id of the resource it was asked of.
	ID string
	// Status is the HTTP status of Azure's answer (0 when Azure did not answer).
	Status int
	// Code and Message are Azure's error code and message.
	Code, Message string
	// Advice is what to do.
	Advice string
	// Err is the underlying error (azcore's ResponseError, or a transport failure).
	Err error
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s (%s): ", e.Operation, e.ID)
	switch {
	case e.Status != 0:
		msg += fmt.Sprintf("Azure answered %d %s: %s", e.Status, e.Code, e.Message)
	case e.Code != "":
		msg += fmt.Sprintf("Azure reports %s: %s", e.Code, e.Message)
	default:
		msg += e.Err.Error()
	}
	if e.Advice != "" {
		msg += "; " + e.Advice
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// IsNotFound says whether Azure said the resource does not exist: HTTP 404 with ARM's code
// ResourceNotFound or ParentResourceNotFound. Nothing else counts as absent: a throttled or
// failed read is a failure.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound && notFoundCodes[e.Code]
}

// notFoundCodes are ARM's codes for a resource, or its parent, that does not exist.
var notFoundCodes = map[string]bool{"ResourceNotFound": true, "ParentResourceNotFound": true}

// failed wraps what went wrong in an operation on a resource: Azure's code and message from
// its error body ({"error": {"code", "message"}}), or the transport's error.
func failed(operation, id, advice string, err error) error {
	e := &Error{Operation: operation, ID: id, Advice: advice, Err: err}
	var response *azcore.ResponseError
	if errors.As(err, &response) {
		e.Status, e.Code = response.StatusCode, response.ErrorCode
		if raw := response.RawResponse; raw != nil {
			e.Message = errorMessage(raw)
		}
	}
	return e
}

// errorMessage is the message of ARM's error body, or the body itself when it is not one.
func errorMessage(resp *http.Response) string {
	body, _ := runtime.Payload(resp)
	var parsed struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if json.Unmarshal(body, &parsed) == nil && parsed.Error.Message != "" {
		return parsed.Error.Message
	}
	return string(body)
}
