#!/bin/sh
# Real USB for the reader drivers: boots Debian's kernel under qemu-system-x86_64 (TCG) with an
# xHCI controller, QEMU's CCID reader (usb-ccid) carrying a card whose APDUs the project's
# emulated ISO 7816-4 card answers over the VSCard protocol, and QEMU's FTDI usb-serial whose
# line is the project's SAM emulator. Inside the guest, `kioskctl cards` (the shipped binary and
# its shared libraries) must find both readers through libusb, read the ATR, run APDUs
# including 61xx / 6Cxx, see the card removed and inserted again, read the ID card, and see the
# serial reader unplugged.
# usage: run.sh BUILD_DIR SOURCE_DIR   (exit 77 = skipped: qemu or the kernel is not installable)
set -u
BUILD=$1
SRC=$2
WORK=$BUILD/usb-qemu
need="qemu-system-x86_64 cpio"
missing=""
for t in $need; do command -v $t >/dev/null 2>&1 || missing="$missing $t"; done
[ -x /bin/busybox ] && busybox 2>&1 | head -1 | grep -q static || [ -f /bin/busybox ] || missing="$missing busybox"
KERNEL=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
[ -n "$KERNEL" ] || missing="$missing kernel"
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
  echo "installing:$missing (qemu-system-x86 busybox-static cpio linux-image-amd64)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    qemu-system-x86 busybox-static cpio linux-image-amd64 >/dev/null 2>&1
  KERNEL=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
fi
if ! command -v qemu-system-x86_64 >/dev/null || [ -z "$KERNEL" ] || [ ! -f /bin/busybox ]; then
  echo "SKIP: qemu-system-x86_64, busybox-static or a Debian kernel is missing and could not be installed"
  exit 77
fi
KVER=${KERNEL#/boot/vmlinuz-}
MODDIR=/lib/modules/$KVER/kernel
rm -rf "$WORK"; mkdir -p "$WORK/root/bin" "$WORK/root/lib/mod" "$WORK/root/proc" "$WORK/root/sys" "$WORK/root/dev"
R=$WORK/root
cp /bin/busybox "$R/bin/busybox"
cp "$SRC/tests/usb_qemu/guest-init.sh" "$R/init"; chmod +x "$R/init"
cp "$BUILD/firmware/kioskctl" "$R/kioskctl"
cp "$SRC/board/profiles/qemu-x86.toml" "$R/board.toml"
# The binary's shared libraries, at the paths the dynamic loader expects.
for lib in $(ldd "$BUILD/firmware/kioskctl" | awk '/=>/ {print $3} /ld-linux/ {print $1}'); do
  mkdir -p "$R$(dirname "$lib")"; cp -L "$lib" "$R$lib"
done
for m in drivers/usb/common/usb-common drivers/usb/core/usbcore drivers/usb/host/xhci-hcd drivers/usb/host/xhci-pci; do
  if [ -f "$MODDIR/$m.ko" ]; then cp "$MODDIR/$m.ko" "$R/lib/mod/"
  elif [ -f "$MODDIR/$m.ko.xz" ]; then xz -dc "$MODDIR/$m.ko.xz" > "$R/lib/mod/$(basename $m).ko"; fi
done
(cd "$R" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > "$WORK/initramfs.cpio.gz"

PORT=$((35000 + $$ % 2000))
"$BUILD/tests/kiosk-vscard-peer" $PORT 9 > "$WORK/vscard.log" 2>&1 &
VPID=$!
"$BUILD/tests/kiosk-sam-peer" "$WORK/sam.sock" 1 > "$WORK/sam.log" 2>&1 &
SPID=$!
sleep 0.5
START=$(date +%s.%N)
timeout 150 qemu-system-x86_64 -accel tcg -m 512 -nodefaults -display none -serial stdio -no-reboot \
  -kernel "$KERNEL" -initrd "$WORK/initramfs.cpio.gz" -append "console=ttyS0 quiet panic=-1" \
  -chardev socket,id=vsc,host=127.0.0.1,port=$PORT,server=on,wait=off \
  -chardev socket,id=samv,path="$WORK/sam.sock",server=off \
  -device qemu-xhci,id=xhci -device usb-ccid,bus=xhci.0 -device ccid-card-passthru,chardev=vsc \
  -device usb-serial,bus=xhci.0,chardev=samv > "$WORK/console.log" 2>&1
END=$(date +%s.%N)
kill $VPID $SPID 2>/dev/null
LOG=$WORK/console.log
echo "guest ran $(echo "$END - $START" | bc 2>/dev/null || echo '?') s; console in $LOG"
fail=0
check() {  # description, pattern (grep -E on the console log), minimum count
  n=$(grep -cE "$2" "$LOG")
  if [ "$n" -ge "${3:-1}" ]; then echo "ok   $1"; else echo "FAIL $1 (pattern: $2, seen $n)"; fail=1; fi
}
check "CCID reader found through libusb" '"event":"reader-added".*08e6:4433 ccid'
check "FTDI SAM reader found through libusb" '"event":"reader-added".*0403:6001 sam-ftdi'
check "ATR read (T=0, TA1 13, KIOSKSIM)" '"atr":"3B 18 13 4B 49 4F 53 4B 53 49 4D".*"event":"card-inserted"'
check "SELECT by AID answered through GET RESPONSE (61xx)" '"command":"00 A4 04 00 08 A0 00 00 06 32 53 49 4D".*"exchanges":2.*"sw":"9000"' 2
check "READ BINARY corrected by 6Cxx" '"bytes":39,"command":"00 B0 00 00 00".*"exchanges":2.*"sw":"9000"' 2
check "VERIFY redacted in the trace and accepted" '"command":"00 20 00 01 \[PIN redacted, 7 bytes\]".*"sw":"9000"' 2
check "PIN-protected file read after VERIFY" '"bytes":33,"command":"00 B0 00 00 00".*"sw":"9000"' 2
check "card removal seen (NotifySlotChange)" '"event":"card-removed".*08e6:4433'
check "card inserted again" '"event":"card-inserted"' 2
check "ID card read, masked" '"event":"id-card".*"id_number":"3101\*\*\*\*\*\*\*\*\*\*1234".*"kind":"resident"'
check "serial reader unplug seen" '"event":"reader-removed".*0403:6001'
check "diagnostic finished by its own condition" 'GUEST-DONE rc=0'
if grep -q "310101199001011234" "$LOG"; then echo "FAIL a clear ID number reached the console"; fail=1; fi
if grep -q "31 32 33 34 35 36" "$LOG"; then echo "FAIL the PIN reached the console"; fail=1; fi
[ $fail = 0 ] || { echo "--- console ---"; cat "$LOG"; echo "--- peers ---"; cat "$WORK/vscard.log" "$WORK/sam.log"; }
exit $fail
