#!/usr/bin/env bash
# `make fleet-demo`: a hall on loopback. A mosquitto broker, the demo service gateway, three
# kiosks (kioskd offscreen, each with its own runtime directory and health file), the kiosk
# agent beside each kiosk when it is built, and the hall dashboard; prints the dashboard's URL.
# Ctrl-C stops everything this script started (and only that).
set -euo pipefail
build=${1:-build}
simulated=${2:-0}  # simulated kiosks besides (kiosk-fleet-sim): the dashboard has calls to show
here=$(cd "$(dirname "$0")/.." && pwd)
hall=hall1
kiosks=(k1 k2 k3)
run=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-fleet-demo.XXXXXX")
pids=()

stop_all() {
  trap - EXIT INT TERM
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run"
}
trap stop_all EXIT
trap 'echo; echo "fleet-demo: stopping"; exit 0' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_port() {
  local i
  for i in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "fleet-demo: nothing answers on 127.0.0.1:$1 ($2)" >&2
  exit 1
}

for program in kioskd kiosk-demo-gateway hall-dashboard; do
  [[ -x "$build/firmware/$program" ]] || { echo "fleet-demo: $build/firmware/$program is not built (make fleet-demo builds it)" >&2; exit 1; }
done
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[[ -x "$mosquitto" ]] || { echo "fleet-demo: mosquitto is not installed (apt-get install mosquitto)" >&2; exit 1; }

# The broker, loopback only and anonymous (a real hall's broker has TLS and ACLs: docs/architecture.md).
broker_port=$(free_port)
printf 'per_listener_settings true\npersistence false\nlistener %s 127.0.0.1\nallow_anonymous true\n' \
  "$broker_port" > "$run/mosquitto.conf"
"$mosquitto" -c "$run/mosquitto.conf" > "$run/mosquitto.log" 2>&1 &
pids+=($!)
wait_port "$broker_port" mosquitto

# The service gateway the kiosks browse, and a board profile pointing at it.
"$build/firmware/kiosk-demo-gateway" --port 0 --port-file "$run/gateway.port" 2> "$run/gateway.log" &
pids+=($!)
for _ in $(seq 100); do [[ -s "$run/gateway.port" ]] && break; sleep 0.05; done
gateway_port=$(cat "$run/gateway.port")
sed "s#127\.0\.0\.1:8088#127.0.0.1:$gateway_port#g" "$here/board/profiles/desktop.toml" > "$run/board.toml"

# The kiosk agent beside a kiosk: it reads the kiosk's health file, publishes online/status/alert
# for kiosk/<hall>/<kiosk> and hands acknowledgements to the citizen. Started only when it is
# built; the options below are the agent's to settle (adjust here when they differ).
start_agent() {
  local name=$1 dir=$2
  # Plain MQTT on loopback (a demo; a hall's broker takes TLS client certificates: fleet-pki.sh).
  cat > "$dir/agent.toml" <<TOML
[kiosk]
hall = "$hall"
name = "$name"
[broker]
host = "127.0.0.1"
port = $broker_port
[runtime]
dir = "$dir"
status_every_s = 10
TOML
  "$build/firmware/kiosk-agent" --config "$dir/agent.toml" > "$dir/agent.log" 2>&1 &
  pids+=($!)
}

# One kiosk: kioskd offscreen (frames into its own directory, speech into a WAV sink), its
# runtime directory and health file its own, then its agent.
start_kiosk() {
  local name=$1 dir="$run/$1"
  mkdir -p "$dir/out" "$dir/runtime"
  chmod 700 "$dir/runtime"
  SDL_VIDEODRIVER=offscreen XDG_RUNTIME_DIR="$dir/runtime" "$build/firmware/kioskd" \
    --board "$run/board.toml" --video offscreen --out "$dir/out" --wav /dev/null \
    --health-file "$dir/health" > "$dir/kioskd.log" 2>&1 &
  pids+=($!)
  if [[ -x "$build/firmware/kiosk-agent" ]]; then
    start_agent "$name" "$dir"
  fi
}
for name in "${kiosks[@]}"; do start_kiosk "$name"; done

if [[ "$simulated" -gt 0 ]]; then
  "$build/firmware/kiosk-fleet-sim" --broker-port "$broker_port" --hall "$hall" \
    --kiosks "$simulated" > "$run/fleet-sim.log" 2>&1 &
  pids+=($!)
fi

dashboard_port=8090
(exec 3<>"/dev/tcp/127.0.0.1/$dashboard_port") 2>/dev/null && dashboard_port=0
"$build/firmware/hall-dashboard" --broker-port "$broker_port" --hall "$hall" --name "$hall-desk" \
  --http-port "$dashboard_port" --port-file "$run/dashboard.port" 2> "$run/dashboard.log" &
pids+=($!)
for _ in $(seq 100); do [[ -s "$run/dashboard.port" ]] && break; sleep 0.05; done
[[ -s "$run/dashboard.port" ]] || { cat "$run/dashboard.log" >&2; exit 1; }

echo "fleet-demo: broker 127.0.0.1:$broker_port, gateway 127.0.0.1:$gateway_port, kiosks ${kiosks[*]} in $run"
if [[ ! -x "$build/firmware/kiosk-agent" ]]; then
  echo "fleet-demo: $build/firmware/kiosk-agent is not built: the kiosks run, but none reports to the broker yet"
  [[ "$simulated" -gt 0 ]] || echo "fleet-demo: (make fleet-demo FLEET_SIMULATED=5 adds simulated kiosks that do)"
fi
echo "fleet-demo: the hall dashboard: http://127.0.0.1:$(cat "$run/dashboard.port")/  (Ctrl-C stops everything)"
wait -n "${pids[@]}" || true
echo "fleet-demo: a process stopped on its own; the end of each log:" >&2
tail -n 5 "$run"/*.log "$run"/*/*.log >&2 || true
