#!/bin/busybox sh
# PID 1 of the test guest: mount, load the USB host modules, run the project's reader
# diagnostic against the readers QEMU emulates, print its JSON lines on the serial console.
/bin/busybox --install -s /bin
mkdir -p /tmp /run; mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in usb-common usbcore xhci-hcd xhci-pci; do insmod /lib/mod/$m.ko 2>/dev/null; done
i=0; while [ $i -lt 50 ] && ! ls /sys/bus/usb/devices | grep -q -- '-'; do sleep 0.1; i=$((i+1)); done
sleep 1
echo "GUEST: USB up at $(cut -d' ' -f1 /proc/uptime) s"
/kioskctl cards --board /board.toml --seconds 60 --until card-inserted:2 \
  --apdu 00A4040008A00000063253494D \
  --apdu 00A40000020001 \
  --apdu 00B0000000 \
  --apdu 0020000106313233343536 \
  --apdu 00A40000020002 \
  --apdu 00B0000000
echo "GUEST-DONE rc=$?"
poweroff -f
