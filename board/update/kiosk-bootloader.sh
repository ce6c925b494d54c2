#!/bin/sh
# RAUC `custom` bootloader backend for systemd-boot (RAUC >= 1.6 interface):
#   get-primary | set-primary BOOTNAME | get-state BOOTNAME | set-state BOOTNAME good|bad
#   | get-current
# State (primary slot, good/bad per slot, boot attempts left) lives in a key=value file on the
# data partition; set-primary also points systemd-boot's loader.conf at that slot's entry, so
# the firmware boots it next. A slot gets 3 attempts: kiosk-boot-attempt (early boot) counts
# them down and, when a new slot never became healthy, points loader.conf back at the other.
#
# KIOSK_BOOTSTATE  state file            (default /data/boot/bootstate)
# KIOSK_LOADER_CONF systemd-boot config  (default /efi/loader/loader.conf; "" = none, tests)
set -eu
STATE=${KIOSK_BOOTSTATE:-/data/boot/bootstate}
LOADER=${KIOSK_LOADER_CONF-/efi/loader/loader.conf}
mkdir -p "$(dirname "$STATE")"
[ -f "$STATE" ] || printf 'PRIMARY=A\nSTATE_A=good\nSTATE_B=bad\nTRIES_A=0\nTRIES_B=0\n' > "$STATE"
get() { sed -n "s/^$1=//p" "$STATE"; }
put() {
  if grep -q "^$1=" "$STATE"; then sed -i "s/^$1=.*/$1=$2/" "$STATE"; else echo "$1=$2" >> "$STATE"; fi
}
valid() { [ "$1" = A ] || [ "$1" = B ] || { echo "unknown slot '$1' (A or B)" >&2; exit 2; }; }
point_loader_at() {
  [ -n "$LOADER" ] || return 0
  lower=$(echo "$1" | tr AB ab)
  tmp="$LOADER.new"
  printf 'default kiosk-%s.conf\ntimeout 0\nconsole-mode keep\n' "$lower" > "$tmp" && mv "$tmp" "$LOADER"
}
case "${1:-}" in
  get-primary)
    p=$(get PRIMARY)
    [ "$(get "STATE_$p")" != bad ] && echo "$p" || exit 1 ;;
  set-primary)
    valid "$2"; put PRIMARY "$2"; put "STATE_$2" good; put "TRIES_$2" 3; point_loader_at "$2" ;;
  get-state)
    valid "$2"; s=$(get "STATE_$2"); echo "${s:-bad}" ;;
  set-state)
    valid "$2"
    case "$3" in good) put "STATE_$2" good; put "TRIES_$2" 0 ;; bad) put "STATE_$2" bad ;;
      *) echo "state must be good or bad" >&2; exit 2 ;; esac ;;
  get-current)
    sed -n 's/.*rauc\.slot=\([AB]\).*/\1/p' /proc/cmdline ;;
  boot-attempt)
    # Early boot: a slot with attempts left uses one; one with none left that was never marked
    # good (TRIES stays > 0 until mark-good) is given up: the other slot becomes primary.
    cur=${2:-$(sed -n 's/.*rauc\.slot=\([AB]\).*/\1/p' /proc/cmdline)}
    valid "$cur"
    t=$(get "TRIES_$cur"); t=${t:-0}
    if [ "$t" -gt 1 ]; then put "TRIES_$cur" $((t - 1)); echo "slot $cur: $((t - 1)) attempts left"
    elif [ "$t" -eq 1 ]; then
      other=$( [ "$cur" = A ] && echo B || echo A )
      put "STATE_$cur" bad; put "TRIES_$cur" 0; put PRIMARY "$other"; point_loader_at "$other"
      echo "slot $cur never became healthy: falling back to slot $other"
    fi ;;
  is-pending)
    # Exit 0 when the booted slot still waits for its confirmation (installed, not yet good).
    cur=${2:-$(sed -n 's/.*rauc\.slot=\([AB]\).*/\1/p' /proc/cmdline)}
    valid "$cur"
    t=$(get "TRIES_$cur"); [ "${t:-0}" -gt 0 ] ;;
  *) echo "usage: $0 get-primary|set-primary S|get-state S|set-state S good|bad|get-current|boot-attempt [S]|is-pending [S]" >&2
     exit 2 ;;
esac
