#!/bin/sh
# Helm 4 post-renderer: the rendered chart on stdin, the function in pipe
# mode (its flags are the --post-renderer-args), the result on stdout.
#
# Helm 4 keeps a post-renderer plugin's stderr to itself and reports only
# 'plugin "cce-ingress-https" exited with error', so the rule lines would
# never reach the user. This script hands the function's stderr on to
# Helm's own stderr (/proc/$PPID/fd/2, Helm being the parent) when that is
# a terminal or a pipe, or else to /dev/tty, and exits with the function's
# status. Not when Helm's stderr is a regular file: Helm's next write, at
# its own offset, would overwrite the lines.
set -u
errors=$(mktemp "${TMPDIR:-/tmp}/cce-ingress-https.XXXXXX") || exit 1
trap 'rm -f "$errors"' EXIT
status=0
"${CCE_INGRESS_HTTPS:-cce-ingress-https}" "$@" 2>"$errors" || status=$?
if [ -s "$errors" ]; then
  helm_stderr="/proc/$PPID/fd/2"
  if [ -f "$helm_stderr" ] || ! { cat "$errors" >>"$helm_stderr"; } 2>/dev/null; then
    { cat "$errors" >>/dev/tty; } 2>/dev/null || cat "$errors" >&2
  fi
fi
exit "$status"
