#!/usr/bin/env bash
# `make run`: starts the demo service gateway on 127.0.0.1:8088 (the desktop board's home
# page lives there), then kioskd; stopping kioskd stops the gateway too.
# A port already held by another program is never silently reused: the gateway then takes a
# free port and kioskd gets a copy of the board profile pointing at it.
set -euo pipefail
build=${1:-build}
board=${2:-desktop}
here=$(cd "$(dirname "$0")/.." && pwd)
port=8088
gateway_pid=
cleanup() { [[ -n "$gateway_pid" ]] && kill "$gateway_pid" 2>/dev/null || true; }
trap cleanup EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Is the program on this port our demo gateway? It answers /.kiosk-demo-gateway by name.
is_demo_gateway() {
  local answer
  answer=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 &&
    printf 'GET /.kiosk-demo-gateway HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3" \
    2>/dev/null || true)
  [[ "$answer" == *kiosk-demo-gateway* ]]
}
start_gateway() {
  local port_file="$build/demo-gateway.port"
  rm -f "$port_file"
  "$build/firmware/kiosk-demo-gateway" --port "$1" --port-file "$port_file" &
  gateway_pid=$!
  for _ in $(seq 100); do
    [[ -s "$port_file" ]] && break
    kill -0 "$gateway_pid" 2>/dev/null || { echo "make run: the demo gateway did not start" >&2; exit 1; }
    sleep 0.05
  done
  port=$(cat "$port_file")
}

if ! port_open 8088; then
  start_gateway 8088
elif is_demo_gateway 8088; then
  echo "make run: using the demo gateway already running on 127.0.0.1:8088"
else
  start_gateway 0
  echo "make run: port 8088 is taken by another program; the demo gateway uses port $port instead"
fi

board_arg=$board
if [[ "$port" != 8088 ]]; then
  # The profile names the gateway's origin and home page: a copy with the port changed.
  profile=$board
  [[ "$profile" == */* || "$profile" == *.toml ]] || profile="$here/board/profiles/$board.toml"
  board_arg="$build/run-$(basename "${profile%.toml}")-$port.toml"
  sed "s#127\.0\.0\.1:8088#127.0.0.1:$port#g" "$profile" > "$board_arg"
fi
# Anything after the board goes to kioskd (the tests: --video offscreen --frames N …).
"$build/firmware/kioskd" --board "$board_arg" "${@:3}"
