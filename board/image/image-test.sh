#!/bin/sh
# Boots the kiosk image under QEMU (TCG, UEFI through OVMF) as a hall would see it:
#   1. kioskd reaches its attract screen (serial-console marker, a screenshot through QEMU's
#      monitor that is not blank);
#   2. a technician plugs in a USB stick labelled KIOSKUPDATE holding a signed bundle: it is
#      offered to kioskd, which (no staff PIN on this board, nobody served) shows and says that
#      an update runs (build-image/updating.png), then it is installed into slot B and the
#      kiosk reboots;
#   3. the kiosk comes up from slot B and confirms it (marked good) once kioskd is healthy;
#   4. a second stick holds a bundle whose root differs from the first by one file (/etc/issue):
#      it is installed adaptively into slot A (RAUC's block-hash-index: blocks either slot
#      already has are not read from the bundle), the kiosk reboots into slot A and confirms it.
# The sticks are not files on this machine's disk but served by a loopback HTTP server with
# byte ranges (range-server.py) through QEMU's curl block driver: the kiosk fetches only the
# parts of the bundle it reads, as RAUC's HTTP streaming would (Debian 12's rauc 1.8 is built
# without streaming, docs/architecture.md), and every byte served is counted. The first bundle
# is a plain full copy (no block-hash-index): what a kiosk with nothing to reuse downloads.
# Prints BENCH lines: image size, boot to attract screen, update install, reboot to confirmed,
# bytes downloaded for the full and for the one-file update.
# usage: image-test.sh IMAGE_DIR     (IMAGE_DIR from build-image.sh, with ca/ from dev-ca.sh)
set -u
IMG=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
T=$IMG/test
rm -rf "$T"; mkdir -p "$T"
fail=0
bench() { echo "BENCH $1" | tee -a "$T/bench.txt"; }
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
for f in "$IMG/disk.img" "$IMG/rootfs.ext4" "$OVMF_CODE" "$OVMF_VARS"; do
  [ -e "$f" ] || { echo "image-test: $f is missing (make image; Debian package ovmf)"; exit 1; }
done

# The updates, signed with the image's CA, each on a FAT stick labelled KIOSKUPDATE:
#   stick 1: the same root file system as a new version, without block-hash-index (full copy);
#   stick 2: that root with one file changed, as the release after it (adaptive, the default).
COMPAT=$(sed -n 's/^compatible=//p' "$IMG/root/etc/rauc/system.conf")
T0=$(date +%s)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
KIOSK_BUNDLE_ADAPTIVE=0 "$SRC/board/update/make-bundle.sh" \
  "$IMG/rootfs.ext4" 0.1.1-imagetest "$COMPAT" "$IMG/ca/signing.cert.pem" "$IMG/ca/signing.key.pem" \
  "$T/kiosk-update.raucb" verity || { echo "image-test: bundle failed"; exit 1; }
cp "$IMG/rootfs.ext4" "$T/rootfs-2.ext4"
printf 'Kiosk image test: the release after 0.1.1-imagetest\n' > "$T/issue"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH debugfs -w -R "rm /etc/issue" "$T/rootfs-2.ext4" > /dev/null 2>&1
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH debugfs -w -R "write $T/issue /etc/issue" "$T/rootfs-2.ext4" > /dev/null 2>&1
if ! debugfs -R "cat /etc/issue" "$T/rootfs-2.ext4" 2>/dev/null | grep -q 'release after'; then
  echo "image-test: could not change /etc/issue in the second root"; exit 1
fi
"$SRC/board/update/make-bundle.sh" \
  "$T/rootfs-2.ext4" 0.1.2-imagetest "$COMPAT" "$IMG/ca/signing.cert.pem" "$IMG/ca/signing.key.pem" \
  "$T/kiosk-update-2.raucb" verity || { echo "image-test: second bundle failed"; exit 1; }
rm -f "$T/rootfs-2.ext4"
BUNDLE_MB=$(( $(stat -c %s "$T/kiosk-update.raucb") / 1048576 ))
BUNDLE2_MB=$(( $(stat -c %s "$T/kiosk-update-2.raucb") / 1048576 ))
for n in 1 2; do
  b=$T/kiosk-update.raucb; [ $n = 2 ] && b=$T/kiosk-update-2.raucb
  mkfs.vfat -n KIOSKUPDATE -C "$T/stick$n.img" $(( ($(stat -c %s "$b") / 1048576 + 64) * 1024 )) > /dev/null
  MTOOLS_SKIP_CHECK=1 mcopy -i "$T/stick$n.img" "$b" ::/kiosk-update.raucb
done
rm -f "$T/kiosk-update.raucb" "$T/kiosk-update-2.raucb"
echo "image-test: bundles $BUNDLE_MB MiB (full) and $BUNDLE2_MB MiB (adaptive, one file changed) made in $(( $(date +%s) - T0 )) s"

# The sticks' server: counts what the kiosk fetches (one line per request in served.log).
python3 "$SRC/board/image/range-server.py" "$T" "$T/http.port" "$T/served.log" 2> "$T/http.log" &
HPID=$!
for i in $(seq 50); do [ -s "$T/http.port" ] && break; sleep 0.2; done
[ -s "$T/http.port" ] || { echo "image-test: the sticks' HTTP server did not start"; cat "$T/http.log"; exit 1; }
HTTP_PORT=$(cat "$T/http.port")
: > "$T/served.log"
# served_since LINE: bytes sent for the requests after line LINE of served.log, then the bytes
# of the image those requests covered (each byte once: QEMU's curl driver asks again for ranges
# that fell out of its small cache, RAUC's streaming has the kernel's page cache in between).
served_since() {
  tail -n +"$(( $1 + 1 ))" "$T/served.log" | awk '{s += $1} END {printf "%d ", s}'
  tail -n +"$(( $1 + 1 ))" "$T/served.log" | awk '$3 ~ /^bytes=/ && $1 > 0 { split(substr($3, 7), r, "-"); print $2, r[1], r[1] + $1 - 1 }' \
    | sort -k1,1 -k2,2n | awk 'NR == 1 || $1 != f || $2 > e + 1 { if (NR > 1) t += e - b + 1; f = $1; b = $2; e = $3; next }
                               $3 > e { e = $3 } END { if (NR) t += e - b + 1; printf "%d", t }'
}
served_lines() { wc -l < "$T/served.log"; }

qemu-img create -q -f qcow2 -F raw -b "$IMG/disk.img" "$T/disk.qcow2"
cp "$OVMF_VARS" "$T/vars.fd"
monitor() { echo "$1" | socat - "UNIX-CONNECT:$T/monitor.sock" > /dev/null; }
START=$(date +%s)
# -cpu qemu64: with `max`, TCG's AVX emulation (QEMU 7.2) crashes llvmpipe's JIT code (kioskd
# died with SIGSEGV at its first frame); without AVX llvmpipe draws correctly.
qemu-system-x86_64 -machine q35 -accel tcg -cpu qemu64 -m 2048 -smp 2 \
  -drive if=pflash,format=raw,readonly=on,file="$OVMF_CODE" \
  -drive if=pflash,format=raw,file="$T/vars.fd" \
  -drive if=virtio,format=qcow2,file="$T/disk.qcow2" \
  -vga std -display none -nic none \
  -device qemu-xhci,id=xhci \
  -audiodev none,id=snd -device intel-hda -device hda-output,audiodev=snd \
  -serial file:"$T/serial.log" -monitor unix:"$T/monitor.sock",server,nowait \
  -no-shutdown > "$T/qemu.log" 2>&1 &
QPID=$!
trap 'kill $QPID $HPID 2>/dev/null' EXIT

# wait_for PATTERN SECONDS [FROM_LINE]: seconds it took, or empty on timeout.
wait_for() {
  i=0
  while [ $i -lt "$2" ]; do
    if tail -n +"${3:-1}" "$T/serial.log" 2>/dev/null | grep -q -- "$1"; then echo $i; return 0; fi
    kill -0 $QPID 2>/dev/null || return 1
    sleep 1; i=$((i + 1))
  done
  return 1
}

# 1. The attract screen.
if s=$(wait_for "kiosk ready" 300); then
  BOOT_S=$(( $(date +%s) - START ))
  ok "kioskd reached its attract screen from slot A in $BOOT_S s"
  bench "image_boot_to_attract_screen $BOOT_S s"
else
  bad "kioskd did not report ready within 300 s"; tail -40 "$T/serial.log"; exit 1
fi
if grep -q 'booted slot A' "$T/serial.log"; then ok "booted slot A"; else bad "kiosk-boot-attempt did not report slot A"; fi
sleep 3
monitor "screendump $T/attract.ppm"; sleep 2
if [ -s "$T/attract.ppm" ]; then
  pnmtopng "$T/attract.ppm" > "$IMG/attract.png" 2>/dev/null
  # Not blank: the frame holds both dark and light pixels in quantity (text on a background).
  stats=$(tail -c +16 "$T/attract.ppm" | od -An -tu1 -v -w3 | awk '{s=$1+$2+$3; if (s<150) d++; else if (s>450) l++} END {print d+0, l+0, NR}')
  dark=${stats%% *}; rest=${stats#* }; light=${rest%% *}; total=${rest#* }
  if [ "$light" -gt $((total / 200)) ] && [ "$dark" -gt $((total / 200)) ]; then
    ok "the screen shows the kiosk (screenshot $IMG/attract.png: $dark dark, $light light of $total pixels)"
  else bad "the screen looks blank ($dark dark, $light light of $total pixels)"; fi
else bad "no screenshot from QEMU's monitor"; fi

# 2. The technician's USB stick (its image fetched over HTTP, see above).
LINES=$(wc -l < "$T/serial.log")
SERVED0=$(served_lines)
monitor "drive_add 0 if=none,id=stick,format=raw,readonly=on,file=http://127.0.0.1:$HTTP_PORT/stick1.img"
monitor "device_add usb-storage,bus=xhci.0,drive=stick,id=stickdev"
# Verified, offered to kioskd; with no staff PIN on this board it starts at once (the attract
# screen: nobody is served), shown and said before anything is written.
if wait_for "kioskd: update .* starts (nobody is served" 600 "$LINES" > /dev/null; then
  ok "kioskd took the stick's offer with nobody served"
  # Under TCG, with the install running beside it, the new poster's glyphs take a while to
  # draw: look every 3 s, for up to a minute, until the screen is no longer the attract one.
  shown=""
  for i in $(seq 20); do
    sleep 3
    rm -f "$T/updating.ppm"; monitor "screendump $T/updating.ppm"; sleep 1
    if [ -s "$T/updating.ppm" ] && ! cmp -s "$T/updating.ppm" "$T/attract.ppm"; then shown=$((i * 4)); break; fi
  done
  if [ -n "$shown" ]; then
    pnmtopng "$T/updating.ppm" > "$IMG/updating.png" 2>/dev/null
    ok "the screen says an update is running (within $shown s; $IMG/updating.png)"
  else bad "the screen still shows the attract screen a minute after the update started"; fi
else bad "kioskd never started the stick's update"; tail -60 "$T/serial.log"; exit 1; fi
if wait_for '"event":"update-installed"' 900 "$LINES" > /dev/null; then
  secs=$(tail -n +"$LINES" "$T/serial.log" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | head -1)
  ok "the bundle on the USB stick was verified and installed into slot B ($secs s)"
  bench "image_update_install ${secs%.*} s"
  set -- $(served_since "$SERVED0"); FULL_SENT=$1; FULL_BYTES=$2
  ok "the kiosk fetched $FULL_BYTES bytes of the stick ($FULL_SENT sent) for a $BUNDLE_MB MiB bundle"
else
  bad "the update from the USB stick was not installed"; tail -60 "$T/serial.log"; exit 1
fi
# The stick comes out while the kiosk reboots, as a technician would take it.
RB=$(date +%s)
LINES=$(wc -l < "$T/serial.log")
if wait_for "reboot: Restarting system\|Reached target.*Reboot\|Rebooting" 120 "$LINES" > /dev/null; then :; fi
monitor "device_del stickdev"

# 3. Slot B, confirmed.
if wait_for "booted slot B" 240 "$LINES" > /dev/null && wait_for "kiosk ready" 300 "$LINES" > /dev/null; then
  ok "the kiosk rebooted into slot B and kioskd is up ($(( $(date +%s) - RB )) s)"
else bad "no boot into slot B"; tail -60 "$T/serial.log"; exit 1; fi
if wait_for '"event":"marked-good"' 240 "$LINES" > /dev/null; then
  ok "slot B confirmed (marked good) once kioskd reported itself healthy"
  bench "image_reboot_to_confirmed_slot $(( $(date +%s) - RB )) s"
else bad "slot B was not confirmed"; tail -60 "$T/serial.log"; fi

# 4. The next release, one file changed: installed adaptively into slot A, then confirmed.
LINES=$(wc -l < "$T/serial.log")
SERVED0=$(served_lines)
monitor "drive_add 0 if=none,id=stick2,format=raw,readonly=on,file=http://127.0.0.1:$HTTP_PORT/stick2.img"
monitor "device_add usb-storage,bus=xhci.0,drive=stick2,id=stick2dev"
if wait_for "kioskd: update .* starts (nobody is served" 600 "$LINES" > /dev/null &&
   wait_for '"event":"update-installed"' 900 "$LINES" > /dev/null; then
  secs=$(tail -n +"$LINES" "$T/serial.log" | sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' | head -1)
  set -- $(served_since "$SERVED0"); ONE_SENT=$1; ONE_BYTES=$2
  ok "the one-file update was installed adaptively into slot A ($secs s, $ONE_BYTES bytes fetched ($ONE_SENT sent) of a $BUNDLE2_MB MiB bundle)"
  bench "image_update_install_adaptive ${secs%.*} s"
else
  bad "the second (one-file) update was not installed"; tail -60 "$T/serial.log"; exit 1
fi
RB=$(date +%s)
LINES=$(wc -l < "$T/serial.log")
if wait_for "reboot: Restarting system\|Reached target.*Reboot\|Rebooting" 120 "$LINES" > /dev/null; then :; fi
monitor "device_del stick2dev"
if wait_for "booted slot A" 240 "$LINES" > /dev/null && wait_for '"event":"marked-good"' 300 "$LINES" > /dev/null; then
  ok "the kiosk rebooted into slot A with the one-file update and confirmed it ($(( $(date +%s) - RB )) s)"
else bad "slot A was not confirmed after the one-file update"; tail -60 "$T/serial.log"; fi

bench "image_disk_allocated $(du -m "$IMG/disk.img" | cut -f1) MiB"
bench "image_rootfs $(( $(stat -c %s "$IMG/rootfs.ext4") / 1048576 )) MiB"
bench "image_rootfs_used $(du -sm "$IMG/root" | cut -f1) MiB"
bench "image_update_bundle $BUNDLE_MB MiB"
bench "image_update_bundle_adaptive $BUNDLE2_MB MiB"
bench "image_update_download_full $(( FULL_BYTES / 1048576 )) MiB"
bench "image_update_download_one_file $(( ONE_BYTES / 1024 )) KiB"
bench "image_update_served_full $(( FULL_SENT / 1048576 )) MiB"
bench "image_update_served_one_file $(( ONE_SENT / 1024 )) KiB"
monitor "quit"
exit $fail
