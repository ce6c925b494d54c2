#!/bin/sh
# A UEFI disk image of the kiosk from Debian packages, without loop mounts:
#   GPT: ESP (systemd-boot, kernel, initrd, one loader entry per slot) | rootfs-A | rootfs-B |
#   data (boot state, RAUC status, provisioned profile, the journal under /var/log).
# The root file system is read-only; /tmp, /var/tmp and /var/lib/systemd are tmpfs.
# Same inputs (package versions, kiosk-firmware .deb, SOURCE_DATE_EPOCH) give the same bytes.
#
# usage: build-image.sh OUT_DIR KIOSK_DEB BOARD CA_DIR
#   OUT_DIR/disk.img     the disk image (slot B empty until the first update)
#   OUT_DIR/rootfs.ext4  the root file system, also what an update bundle carries
#   CA_DIR/ca.cert.pem   the update CA the image trusts (a development CA from dev-ca.sh)
set -eu
OUT=$1; DEB=$(realpath "$2"); BOARD=$3; CA=$(realpath "$4")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
: "${SOURCE_DATE_EPOCH:=1767225600}"   # 2026-01-01: fixed unless the caller pins another
export SOURCE_DATE_EPOCH
MIRROR=${KIOSK_MIRROR:-http://deb.debian.org/debian}
ROOT_UUID_A=6b1a2b2e-0000-4000-8000-00000000000a
ROOT_UUID_B=6b1a2b2e-0000-4000-8000-00000000000b
DATA_UUID=6b1a2b2e-0000-4000-8000-0000000000da
ESP_SIZE_MB=256
# The data partition also holds a roll-out's downloaded bundle (~200 MiB, kiosk-rollout) and
# RAUC's block-hash indexes of both slots (adaptive updates).
DATA_SIZE_MB=512

mkdir -p "$OUT"; OUT=$(realpath "$OUT")
ROOT=$OUT/root
if [ "${KIOSK_IMAGE_REUSE_ROOT:-0}" = 1 ] && [ -x "$ROOT/usr/bin/kioskd" ]; then
  # Development shortcut: the packages stay, only the kiosk package and the customisation are
  # redone (seconds instead of minutes). Release images are always built from scratch.
  cp "$DEB" "$ROOT/tmp/kiosk-firmware.deb"
  chroot "$ROOT" dpkg -i /tmp/kiosk-firmware.deb > "$OUT/reuse.log" 2>&1 || { cat "$OUT/reuse.log"; exit 1; }
  rm -f "$ROOT/tmp/kiosk-firmware.deb"
  "$SRC/board/image/customize-rootfs.sh" "$ROOT" "$BOARD" "$CA/ca.cert.pem"
  REUSED=1
elif [ -d "$ROOT" ]; then
  # A build cut off inside mmdebstrap can leave /proc, /sys or /dev mounted in the old root:
  # unmount them before removing it, and never cross into another file system.
  findmnt -R -n -o TARGET "$ROOT" 2>/dev/null | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf --one-file-system "$ROOT"
fi
rm -f "$OUT/disk.img" "$OUT/rootfs.ext4" "$OUT/esp.img" "$OUT/data.ext4"

# What the kiosk needs at run time besides the .deb's own dependencies: the kernel, systemd,
# RAUC and its D-Bus, Mesa's GBM/EGL/GLES for SDL on KMS/DRM, the board's fonts.
# /usr is merged by mmdebstrap's merged-usr hook (usr-is-merged), not by the usrmerge package,
# which would pull in perl (50 MiB) for a conversion that never runs on the kiosk.
# customize-rootfs.sh then trims the root to the board (trim-rootfs.sh: kernel modules,
# firmware, fonts).
PACKAGES=linux-image-amd64,systemd,systemd-sysv,systemd-boot-efi,udev,dbus,kmod,mount,rauc,rauc-service,libgl1-mesa-dri,libegl1,libegl-mesa0,libgles2,libgbm1,fonts-noto-cjk,fonts-noto-core,e2fsprogs,dosfstools

T0=$(date +%s)
[ "${REUSED:-0}" = 1 ] || mmdebstrap --variant=minbase --mode=root --include="$PACKAGES" --include="$DEB" \
  --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="\"$SRC/board/image/customize-rootfs.sh\" \"\$1\" $BOARD \"$CA/ca.cert.pem\"" \
  bookworm "$ROOT" "$MIRROR" > "$OUT/mmdebstrap.log" 2>&1 || { tail -30 "$OUT/mmdebstrap.log"; exit 1; }
echo "build-image: root file system in $(( $(date +%s) - T0 )) s"

KERNEL=$(ls "$ROOT"/boot/vmlinuz-* | head -1)
INITRD=$(ls "$ROOT"/boot/initrd.img-* | head -1)
# Every file at the same time: mkfs.ext4 -d copies access and modification times.
find "$ROOT" -print0 | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"

# mkfs.ext4 -d also copies each file's change time (ctime), which no tool can set on the host:
# rewrite every inode's times in the new file system with debugfs instead.
fix_times() {  # FS_IMAGE SOURCE_DIR
  (cd "$2" && find . -mindepth 1 -print) | sed 's|^\.||' | awk -v t="$SOURCE_DATE_EPOCH" '
    BEGIN { for (f = 0; f < 4; f++) { split("atime ctime mtime crtime", n, " "); printf "sif / %s @%s\n", n[f + 1], t } }
    { for (f = 1; f <= 4; f++) printf "sif \"%s\" %s @%s\n", $0, n[f], t }' > "$OUT/times.debugfs"
  E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH debugfs -w -f "$OUT/times.debugfs" "$1" > "$OUT/times.log" 2>&1
  # debugfs echoes each command ("debugfs: sif ..."); any other line is a complaint.
  if grep -v '^debugfs' "$OUT/times.log" | grep -q .; then
    grep -v '^debugfs' "$OUT/times.log" | head -5; exit 1
  fi
  rm -f "$OUT/times.log"
  rm -f "$OUT/times.debugfs"
}

# Root file system, just large enough, plus room for logs of packages that write at boot.
ROOT_MB=$(( $(du -sm "$ROOT" | cut -f1) * 115 / 100 + 64 ))
SLOT_MB=$(( (ROOT_MB * 130 / 100 + 63) / 64 * 64 ))
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -F -L rootfs -U $ROOT_UUID_A \
  -E hash_seed=$ROOT_UUID_A -d "$ROOT" "$OUT/rootfs.ext4" "${ROOT_MB}M"
fix_times "$OUT/rootfs.ext4" "$ROOT"

# Data partition: boot state (slot A confirmed), the kiosk's folders, the journal.
DATA=$OUT/data; rm -rf "$DATA"; mkdir -p "$DATA/boot" "$DATA/rauc" "$DATA/kiosk" "$DATA/log/journal"
printf 'PRIMARY=A\nSTATE_A=good\nSTATE_B=bad\nTRIES_A=0\nTRIES_B=0\n' > "$DATA/boot/bootstate"
chmod 700 "$DATA/boot" "$DATA/rauc"; chmod 750 "$DATA/kiosk"
KIOSK_GID=$(sed -n 's/^kiosk:[^:]*:\([0-9]*\):.*/\1/p' "$ROOT/etc/group")
chgrp "$KIOSK_GID" "$DATA/kiosk"
find "$DATA" -print0 | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -F -L data -U $DATA_UUID -E hash_seed=$DATA_UUID \
  -d "$DATA" "$OUT/data.ext4" "${DATA_SIZE_MB}M"
fix_times "$OUT/data.ext4" "$DATA"

# ESP: systemd-boot, the kernel and initrd, an entry per slot; loader.conf picks slot A. The
# tree is laid out in a folder with fixed times and copied in one go (mcopy -s -m), so every
# FAT entry, folders included, carries SOURCE_DATE_EPOCH. No volume label: mkfs.vfat would
# stamp its directory entry with the current time (the ESP is found by its GPT name).
export MTOOLS_SKIP_CHECK=1 SOURCE_DATE_EPOCH
ESP=$OUT/esp; rm -rf "$ESP"; mkdir -p "$ESP/EFI/BOOT" "$ESP/loader/entries" "$ESP/kiosk"
cp "$ROOT/usr/lib/systemd/boot/efi/systemd-bootx64.efi" "$ESP/EFI/BOOT/BOOTX64.EFI"
cp "$KERNEL" "$ESP/kiosk/vmlinuz"
cp "$INITRD" "$ESP/kiosk/initrd.img"
for s in a b; do
  S=$(echo $s | tr ab AB); U=$ROOT_UUID_A; [ $s = b ] && U=$ROOT_UUID_B
  printf 'title Kiosk (slot %s)\nlinux /kiosk/vmlinuz\ninitrd /kiosk/initrd.img\noptions root=PARTUUID=%s ro rootwait console=tty1 console=ttyS0,115200 quiet rauc.slot=%s%s\n' \
    "$S" "$U" "$S" "${KIOSK_IMAGE_CMDLINE_EXTRA:+ $KIOSK_IMAGE_CMDLINE_EXTRA}" > "$ESP/loader/entries/kiosk-$s.conf"
done
printf 'default kiosk-a.conf\ntimeout 0\nconsole-mode keep\n' > "$ESP/loader/loader.conf"
find "$ESP" -print0 | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"
rm -f "$OUT/esp.img"
mkfs.vfat -i 4b105c00 -C "$OUT/esp.img" $((ESP_SIZE_MB * 1024)) > /dev/null
mcopy -s -m -i "$OUT/esp.img" "$ESP/EFI" "$ESP/loader" "$ESP/kiosk" ::/

# The disk: fixed GUIDs so the image is the same every time.
rm -f "$OUT/disk.img"
DISK_MB=$((1 + ESP_SIZE_MB + 2 * SLOT_MB + DATA_SIZE_MB + 1))
truncate -s "${DISK_MB}M" "$OUT/disk.img"
sfdisk -q "$OUT/disk.img" <<EOT
label: gpt
label-id: 6B1A2B2E-0000-4000-8000-000000000000
start=1MiB, size=${ESP_SIZE_MB}MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=6b1a2b2e-0000-4000-8000-0000000000e5, name=esp
size=${SLOT_MB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$ROOT_UUID_A, name=rootfs-A
size=${SLOT_MB}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$ROOT_UUID_B, name=rootfs-B
size=${DATA_SIZE_MB}MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$DATA_UUID, name=data
EOT
dd if="$OUT/esp.img" of="$OUT/disk.img" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$OUT/rootfs.ext4" of="$OUT/disk.img" bs=1M seek=$((1 + ESP_SIZE_MB)) conv=notrunc,sparse status=none
dd if="$OUT/data.ext4" of="$OUT/disk.img" bs=1M seek=$((1 + ESP_SIZE_MB + 2 * SLOT_MB)) conv=notrunc,sparse status=none
rm -rf "$ESP" "$DATA"
echo "build-image: $OUT/disk.img: ${DISK_MB} MiB disk (slots ${SLOT_MB} MiB, root file system ${ROOT_MB} MiB), $(du -m "$OUT/disk.img" | cut -f1) MiB allocated; $(( $(date +%s) - T0 )) s"
