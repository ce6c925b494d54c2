#!/usr/bin/env bash
# The hall's MQTT certificates and broker ACLs for the fleet (issue 16): one CA per hall's
# broker, a server certificate for the broker, and one client certificate per kiosk and per
# hall dashboard whose CN is its MQTT identity (mosquitto: use_identity_as_username). Each
# client added also gets its lines in DIR/acl, which scopes it to its own topics:
#   kiosk K in hall H     write kiosk/H/K/#, read kiosk/H/K/alert/ack (only its own acks)
#   dashboard D of hall H read kiosk/H/#,   write kiosk/H/+/alert/ack
# Keys are made on the machine running this (a technician's, offline) and copied to the kiosk's
# /etc/kiosk/fleet/ at provisioning; the CA key never leaves DIR.
#
# usage: fleet-pki.sh ca DIR                     the CA (DIR/ca.crt, DIR/ca.key), once
#        fleet-pki.sh broker DIR HOST            DIR/broker.{crt,key} for HOST (name or IP)
#        fleet-pki.sh kiosk DIR HALL KIOSK       DIR/KIOSK.{crt,key}, CN=KIOSK, and its ACL
#        fleet-pki.sh dashboard DIR HALL NAME    DIR/NAME.{crt,key}, CN=NAME, and its ACL
#        fleet-pki.sh mosquitto-conf DIR         the listener settings for mosquitto.conf
# Names (halls, kiosks, dashboards) are 1..32 of [A-Za-z0-9_-] and unique in the fleet: a CN is
# the broker's user name. Certificates last DAYS days (default 825; FLEET_PKI_DAYS=...).
set -euo pipefail
days=${FLEET_PKI_DAYS:-825}

usage() { sed -n '/^# usage:/,/^# Names/p' "$0" | sed '$d; s/^# //' >&2; exit 2; }
die() { echo "fleet-pki: $*" >&2; exit 1; }
name_ok() { [[ "$1" =~ ^[A-Za-z0-9_-]{1,32}$ ]] || die "'$1' is not 1..32 of [A-Za-z0-9_-]"; }
need_ca() { [[ -f "$dir/ca.crt" && -f "$dir/ca.key" ]] || die "no CA in $dir (run: $0 ca $dir)"; }

# sign NAME CN EXTENSIONS: NAME.key and NAME.crt signed by the CA.
sign() {
  local name=$1 cn=$2 ext=$3
  [[ -e "$dir/$name.crt" ]] && die "$dir/$name.crt exists already (names are unique)"
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$dir/$name.key" 2>/dev/null)
  openssl req -new -key "$dir/$name.key" -subj "/CN=$cn" -out "$dir/$name.csr"
  printf '%s\n' "$ext" > "$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAcreateserial -days "$days" -sha256 -extfile "$dir/$name.ext" -out "$dir/$name.crt" \
    2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
}

[[ $# -ge 2 ]] || usage
cmd=$1 dir=$2
case $cmd in
  ca)
    [[ $# -eq 2 ]] || usage
    mkdir -p "$dir"
    [[ -e "$dir/ca.key" ]] && die "$dir/ca.key exists already"
    (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
      -out "$dir/ca.key" 2>/dev/null)
    openssl req -new -x509 -key "$dir/ca.key" -subj "/CN=kiosk fleet CA" -days "$days" \
      -sha256 -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.crt"
    : > "$dir/acl"
    echo "$dir/ca.crt"
    ;;
  broker)
    [[ $# -eq 3 ]] || usage
    need_ca
    host=$3
    if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then san="IP:$host"; else san="DNS:$host"; fi
    sign broker "$host" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$san"
    echo "$dir/broker.crt"
    ;;
  kiosk | dashboard)
    [[ $# -eq 4 ]] || usage
    need_ca
    hall=$3 name=$4
    name_ok "$hall"
    name_ok "$name"
    [[ "$name" == ca || "$name" == broker ]] && die "'$name' is reserved"
    sign "$name" "$name" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
    {
      echo "# $cmd $name of hall $hall"
      echo "user $name"
      if [[ $cmd == kiosk ]]; then
        echo "topic write kiosk/$hall/$name/#"
        echo "topic read kiosk/$hall/$name/alert/ack"
      else
        echo "topic read kiosk/$hall/#"
        echo "topic write kiosk/$hall/+/alert/ack"
      fi
      echo
    } >> "$dir/acl"
    echo "$dir/$name.crt"
    ;;
  mosquitto-conf)
    [[ $# -eq 2 ]] || usage
    abs=$(cd "$dir" && pwd)
    cat <<CONF
# The fleet's listener (after "listener 8883" in mosquitto.conf; per_listener_settings true):
# TLS only, every client shows a certificate of the hall's CA, its CN is its user name, and
# the ACL file scopes each kiosk and dashboard to its own topics. mosquitto reads these files as
# its own user: give it broker.key (chown mosquitto), never ca.key (it stays with the CA).
cafile $abs/ca.crt
certfile $abs/broker.crt
keyfile $abs/broker.key
tls_version tlsv1.2
require_certificate true
use_identity_as_username true
allow_anonymous false
acl_file $abs/acl
CONF
    ;;
  *) usage ;;
esac
