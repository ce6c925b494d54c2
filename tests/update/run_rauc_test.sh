#!/bin/sh
# Signed A/B updates without hardware: a development CA, a signed bundle, and `rauc service` on
# a private D-Bus with two file-backed slots and the kiosk's own bootloader backend. Through
# `kioskctl update`, a good bundle must land in the inactive slot and make it primary; a
# tampered bundle, one signed by another CA, one for another board and a truncated one must be
# refused with a clear reason and leave the running slot and the boot order untouched; so must
# a bundle not newer than the running system (kioskctl's own version) or than an update already
# waiting for the next boot, unless a technician says --allow-downgrade; and the kiosk's own
# system.conf must refuse the old plain bundle format (this host has no device-mapper for
# verity installs, so the A/B runs below use a test conf that also allows plain bundles; the
# QEMU image test installs a verity bundle for real).
# usage: run_rauc_test.sh BUILD_DIR SOURCE_DIR     (exit 77 = skipped: RAUC not installable)
set -u
BUILD=$(cd "$1" && pwd); SRC=$(cd "$2" && pwd)
W=$BUILD/update-test
KIOSKCTL=$BUILD/firmware/kioskctl
missing=""
for t in rauc dbus-daemon openssl mkfs.ext4 mksquashfs; do command -v $t >/dev/null 2>&1 || missing="$missing $t"; done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rauc dbus openssl \
    e2fsprogs squashfs-tools >/dev/null 2>&1
fi
for t in rauc dbus-daemon openssl mkfs.ext4; do
  command -v $t >/dev/null 2>&1 || { echo "SKIP: $t is missing and could not be installed"; exit 77; }
done
if [ "$(id -u)" != 0 ]; then echo "SKIP: rauc install mounts the bundle (loop device): needs root"; exit 77; fi
rm -rf "$W"; mkdir -p "$W/state" "$W/slots"
cd "$W"
"$SRC/board/update/dev-ca.sh" "$W/ca" "Kiosk Dev" || exit 1
"$SRC/board/update/dev-ca.sh" "$W/other-ca" "Someone Else" || exit 1
COMPAT=cn.gov.kiosk.qemu-x86
# A root file-system image (small, reproducible) and the bundles.
mkdir -p rootfs/etc; printf 'NAME=KioskOS\nVERSION_ID=1.0.1\n' > rootfs/etc/os-release
SOURCE_DATE_EPOCH=1700000000 E2FSPROGS_FAKE_TIME=1700000000 mkfs.ext4 -q -F -L rootfs \
  -U 11111111-2222-3333-4444-555555555555 -E hash_seed=11111111-2222-3333-4444-555555555555 \
  -d rootfs rootfs.ext4 8M
MB="$SRC/board/update/make-bundle.sh"
export SOURCE_DATE_EPOCH=1700000000
$MB rootfs.ext4 1.0.1 $COMPAT ca/signing.cert.pem ca/signing.key.pem good.raucb plain || exit 1
$MB rootfs.ext4 1.0.1 $COMPAT other-ca/signing.cert.pem other-ca/signing.key.pem foreign.raucb plain || exit 1
$MB rootfs.ext4 1.0.1 cn.gov.kiosk.other-board ca/signing.cert.pem ca/signing.key.pem wrongboard.raucb plain || exit 1
RUNNING=$("$KIOSKCTL" --version 2>/dev/null | sed -n 's/^kioskctl //p')
# Other versions: each its own root file system (os-release says which).
versioned() {  # VERSION NAME
  rm -rf "rootfs-$2"; mkdir -p "rootfs-$2/etc"; printf 'NAME=KioskOS\nVERSION_ID=%s\n' "$1" > "rootfs-$2/etc/os-release"
  mkfs.ext4 -q -F -L rootfs -d "rootfs-$2" "rootfs-$2.ext4" 8M &&
    $MB "rootfs-$2.ext4" "$1" $COMPAT ca/signing.cert.pem ca/signing.key.pem "$2.raucb" plain
}
versioned 0.0.9 older || exit 1
versioned "${RUNNING:-0.1.0}" same || exit 1
versioned 1.0.0 between || exit 1
versioned 1.0.2 staffed || exit 1
versioned 1.0.3 unconfirmed || exit 1
cp good.raucb tampered.raucb
size=$(stat -c %s good.raucb)
# Flip one byte inside the payload (the squashfs image, well before the signature).
printf '\377' | dd of=tampered.raucb bs=1 seek=$((size / 3)) conv=notrunc status=none
head -c $((size / 2)) good.raucb > truncated.raucb
# Slots: A holds the running system, B is empty.
printf 'slot A: the running system\n' > slots/rootfs-A.img; truncate -s 8M slots/rootfs-A.img
truncate -s 8M slots/rootfs-B.img
# The board profile names the slots; kioskctl derives RAUC's system.conf from it, as the
# image build does.
cat > board.toml <<EOP
[board]
name = "update-test"
compatible = "$COMPAT"
[display]
width_px = 1280
height_px = 800
width_mm = 331.0
height_mm = 207.0
[fonts]
families = ["Noto Sans CJK SC"]
[update]
slot_a = "$W/slots/rootfs-A.img"
slot_b = "$W/slots/rootfs-B.img"
slot_type = "raw"
data_dir = "$W/state"
EOP
"$KIOSKCTL" board rauc-conf --board "$W/board.toml" --keyring "$W/ca/ca.cert.pem" \
  --backend "$SRC/board/update/kiosk-bootloader.sh" --mount-prefix "$W/state/mnt" > kiosk.conf || exit 1
"$KIOSKCTL" board rauc-conf --board "$W/board.toml" --keyring "$W/ca/ca.cert.pem" \
  --backend "$SRC/board/update/kiosk-bootloader.sh" --mount-prefix "$W/state/mnt" \
  --allow-plain-bundles > system.conf || exit 1
export KIOSK_BOOTSTATE=$W/state/bootstate KIOSK_LOADER_CONF=$W/loader.conf
reset_state() { printf 'PRIMARY=A\nSTATE_A=good\nSTATE_B=bad\nTRIES_A=0\nTRIES_B=0\n' > "$KIOSK_BOOTSTATE"; }
reset_state
# A private bus for the RAUC service and its CLI.
cat > bus.conf <<EOB
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=$W/bus.sock</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
EOB
dbus-daemon --config-file=bus.conf --fork --print-pid > dbus.pid || exit 1
export DBUS_SESSION_BUS_ADDRESS=unix:path=$W/bus.sock DBUS_STARTER_BUS_TYPE=session
rauc --conf=system.conf service --override-boot-slot=A > service.log 2>&1 &
RPID=$!
trap 'kill $RPID 2>/dev/null; kill $(cat dbus.pid) 2>/dev/null' EXIT
sleep 1.5
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
A_SUM=$(sha256sum < slots/rootfs-A.img)
refused() {  # name, bundle, expected words in the reason [conf]
  reset_state; before_b=$(sha256sum < slots/rootfs-B.img)
  out=$("$KIOSKCTL" update --rauc-conf "${4:-system.conf}" install "$2"); rc=$?
  reason=$(echo "$out" | sed -n 's/.*"reason":"\([^"]*\)".*/\1/p' | tail -1)
  if [ $rc = 2 ] && echo "$reason" | grep -q "$3" && [ "$(sha256sum < slots/rootfs-A.img)" = "$A_SUM" ] \
     && grep -q '^PRIMARY=A' "$KIOSK_BOOTSTATE" && [ "$(sha256sum < slots/rootfs-B.img)" = "$before_b" ]; then
    ok "$1 refused: $reason"
  else
    bad "$1 (rc $rc, reason '$reason')"; echo "$out"
  fi
}
refused "tampered bundle" tampered.raucb "signature"
refused "bundle from another CA" foreign.raucb "does not trust"
refused "bundle for another board" wrongboard.raucb "another kind of kiosk"
refused "truncated bundle" truncated.raucb "not a complete update bundle"
refused "plain bundle on the kiosk's own conf" good.raucb "only verity bundles" kiosk.conf
refused "older bundle (0.0.9)" older.raucb "not newer than the running"
refused "the running version again" same.raucb "not newer than the running"
reset_state
T0=$(date +%s%N)
out=$("$KIOSKCTL" update --rauc-conf system.conf install good.raucb); rc=$?
T1=$(date +%s%N)
if [ $rc = 0 ] && echo "$out" | grep -q '"event":"update-installed"'; then ok "signed bundle installed"; else bad "install (rc $rc)"; echo "$out"; fi
out=$("$KIOSKCTL" update --rauc-conf system.conf install good.raucb); rc=$?
if [ $rc = 0 ] && echo "$out" | grep -q '"event":"update-skipped".*already holds this update'; then
  ok "the same bundle again (a stick left in) is skipped"; else bad "reinstall (rc $rc)"; echo "$out"; fi
if cmp -s -n $(stat -c %s rootfs.ext4) rootfs.ext4 slots/rootfs-B.img; then ok "slot B holds the new image"; else bad "slot B content"; fi
out=$("$KIOSKCTL" update --rauc-conf system.conf install between.raucb); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q 'waits for the next boot' && grep -q '^PRIMARY=B' "$KIOSK_BOOTSTATE"; then
  ok "1.0.0 is refused over 1.0.1 waiting for the next boot"; else bad "over a waiting update (rc $rc)"; echo "$out"; fi
if [ "$(sha256sum < slots/rootfs-A.img)" = "$A_SUM" ]; then ok "running slot A untouched"; else bad "slot A changed"; fi
if grep -q '^PRIMARY=B' "$KIOSK_BOOTSTATE" && grep -q 'default kiosk-b.conf' loader.conf; then
  ok "boot order changed: B is primary, systemd-boot points at kiosk-b.conf"
else bad "boot order"; cat "$KIOSK_BOOTSTATE"; fi
st=$("$KIOSKCTL" update --rauc-conf system.conf status)
if echo "$st" | grep -q '"boot_primary":"rootfs.1"' && echo "$st" | grep -q '"booted":"A"'; then ok "status shows booted A, primary B"
else bad "status"; echo "$st"; fi
BL="$SRC/board/update/kiosk-bootloader.sh"
if "$BL" is-pending B && ! "$BL" is-pending A; then ok "the new slot B waits for its confirmation"; else bad "is-pending"; fi
# A confirmed slot keeps its place: one boot, then mark-good (set-state good), then more boots.
cp "$KIOSK_BOOTSTATE" "$W/bootstate.installed"
"$BL" boot-attempt B > /dev/null; "$BL" set-state B good
for i in 1 2 3 4; do "$BL" boot-attempt B > /dev/null; done
if grep -q '^PRIMARY=B' "$KIOSK_BOOTSTATE" && ! "$BL" is-pending B; then ok "a confirmed slot stays primary however often it boots"
else bad "confirmed slot"; cat "$KIOSK_BOOTSTATE"; fi
cp "$W/bootstate.installed" "$KIOSK_BOOTSTATE"
# The fallback: B boots three times without becoming healthy -> A is primary again.
for i in 1 2 3; do "$SRC/board/update/kiosk-bootloader.sh" boot-attempt B > /dev/null; done
if grep -q '^PRIMARY=A' "$KIOSK_BOOTSTATE" && grep -q '^STATE_B=bad' "$KIOSK_BOOTSTATE" && grep -q 'kiosk-a.conf' loader.conf; then
  ok "a slot that never becomes healthy falls back to the other"
else bad "fallback"; cat "$KIOSK_BOOTSTATE"; fi
out=$("$KIOSKCTL" update --rauc-conf system.conf install good.raucb); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q 'already failed on this kiosk' && grep -q '^PRIMARY=A' "$KIOSK_BOOTSTATE"; then
  ok "an update that already failed here is not retried"; else bad "retry after fallback (rc $rc)"; echo "$out"; fi
# A technician on site may go back on purpose.
reset_state
out=$("$KIOSKCTL" update --rauc-conf system.conf install --allow-downgrade older.raucb); rc=$?
if [ $rc = 0 ] && grep -q '^PRIMARY=B' "$KIOSK_BOOTSTATE"; then ok "--allow-downgrade installs 0.0.9 on purpose"
else bad "--allow-downgrade (rc $rc)"; echo "$out"; fi
# A stick's update waits for staff (kioskd's consent in its runtime directory; kioskd's own side
# is tested in firmware_tests StickUpdate.*): offered, nothing written before the consent.
reset_state; mkdir -p run; before_b=$(sha256sum < slots/rootfs-B.img)
"$KIOSKCTL" update --rauc-conf system.conf install staffed.raucb --ask-staff --runtime-dir run \
  --wait-staff 30 > staffed.out 2>&1 &
SPID=$!
i=0; while [ ! -f run/update-offer ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
if grep -q '"version":"1.0.2"' run/update-offer 2>/dev/null && [ "$(sha256sum < slots/rootfs-B.img)" = "$before_b" ] \
   && grep -q '^PRIMARY=A' "$KIOSK_BOOTSTATE"; then ok "the stick's 1.0.2 is offered to staff and waits"
else bad "offer"; cat staffed.out; cat run/update-offer; fi
printf '{"version":"1.0.2"}\n' > run/update-consent
wait $SPID; rc=$?
if [ $rc = 0 ] && grep -q '"installed":true' run/update-outcome && [ ! -f run/update-offer ] \
   && grep -q '^PRIMARY=B' "$KIOSK_BOOTSTATE"; then ok "installed once staff confirmed; the outcome is handed back"
else bad "after consent (rc $rc)"; cat staffed.out; fi
reset_state; rm -f run/*
out=$("$KIOSKCTL" update --rauc-conf system.conf install unconfirmed.raucb --ask-staff --runtime-dir run --wait-staff 2); rc=$?
if [ $rc = 2 ] && echo "$out" | grep -q 'nobody confirmed' && [ ! -f run/update-offer ] && grep -q '^PRIMARY=A' "$KIOSK_BOOTSTATE"; then
  ok "unconfirmed, nothing is installed and the offer is withdrawn"; else bad "unconfirmed (rc $rc)"; echo "$out"; fi
echo "BENCH update_install_plain_bundle_8MiB $(( (T1 - T0) / 1000000 )) ms"
[ $fail = 0 ] || { echo "--- rauc service ---"; cat service.log; }
exit $fail
