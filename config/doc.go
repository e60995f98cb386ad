// Package config turns the function configuration into the transformer's and
// the validator's options, in one of three forms that all end up in Settings:
//
//	IngressHTTPSBackend (fn.kpt.dev/v1alpha1) ──┐
//	ConfigMap data (kpt fn eval -- key=value) ──┼─> Settings (raw strings) ──Build──> Config
//	command-line flags (pipe and file mode)  ───┘          │
//	                                                       └─> error results naming the field
//
// Nothing is selected or changed when the configuration has an error.
package config
