#!/usr/bin/env bash
# `make run`: starts the demo service gateway on 127.0.0.1:8088 (the desktop board's home
# page lives there), then kioskd; stopping kioskd stops the gateway too.
set -euo pipefail
build=${1:-build}
board=${2:-desktop}
gateway_pid=
cleanup() { [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true; }
trap cleanup EXIT
if ! (exec 3<>/dev/tcp/127.0.0.1/8088) 2>/dev/null; then
  "$build/firmware/kiosk-demo-gateway" --port 8088 &
  gateway_pid=$!
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/8088) 2>/dev/null && break; sleep 0.1; done
fi
"$build/firmware/kioskd" --board "$board"
