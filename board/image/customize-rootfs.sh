#!/bin/sh
# mmdebstrap customize hook: turns the installed packages into the kiosk's read-only root.
#   usage: customize-rootfs.sh ROOT BOARD CA_CERT
set -eu
R=$1; BOARD=$2; CA=$3
echo kiosk > "$R/etc/hostname"
mkdir -p "$R/data" "$R/efi" "$R/etc/kiosk" "$R/etc/rauc"
# Read-only root (the kernel mounts it "ro"; no fstab line, so either slot can hold it);
# what must be written goes to tmpfs or, for logs, to the data partition.
cat > "$R/etc/fstab" <<'EOT'
PARTLABEL=data  /data  ext4  defaults,noatime,nodev,nosuid  0 2
PARTLABEL=esp   /efi   vfat  umask=0077,noatime,flush       0 2
tmpfs  /tmp              tmpfs  mode=1777,nosuid,nodev  0 0
tmpfs  /var/tmp          tmpfs  mode=1777,nosuid,nodev  0 0
/data/log  /var/log        none   bind,x-systemd.requires-mounts-for=/data  0 0
tmpfs  /var/lib/systemd  tmpfs  mode=0755,nosuid,nodev  0 0
EOT
# The board's profile, the update CA, and the files derived from the profile.
cp "$R/usr/share/kiosk/boards/$BOARD.toml" "$R/etc/kiosk/board.toml"
cp "$CA" "$R/etc/rauc/keyring.pem"
# Only the kernel modules, firmware and fonts the board uses (board/image/modules/$BOARD.txt).
"$(dirname "$0")/trim-rootfs.sh" "$R" "$BOARD"
chroot "$R" kioskctl board rauc-conf --board /etc/kiosk/board.toml > "$R/etc/rauc/system.conf"
chroot "$R" kioskctl board udev-rules --board /etc/kiosk/board.toml > "$R/etc/udev/rules.d/70-kiosk-readers.rules"
# The kiosk user and the units.
chroot "$R" systemd-sysusers
chroot "$R" systemctl enable kioskd.service kiosk-confirm.service kiosk-boot-attempt.service
# The fleet agent starts only on a kiosk provisioned with an agent.toml (its unit's condition).
chroot "$R" systemctl enable kiosk-agent.service
# Roll-outs from hawkBit likewise, only with a [rollout] section (kiosk-rollout says so and exits).
chroot "$R" systemctl enable kiosk-rollout.service
if grep -q '^home = "http://127.0.0.1:8088/' "$R/etc/kiosk/board.toml"; then
  chroot "$R" systemctl enable kiosk-demo-gateway.service
fi
chroot "$R" systemctl set-default multi-user.target
# The journal is kept on the data partition (/var/log is bound to /data/log), so a
# technician can read the boot before a crash or a fallback (`kioskctl logs`); capped small.
mkdir -p "$R/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=persistent\nSystemMaxUse=48M\nSystemKeepFree=16M\n' \
  > "$R/etc/systemd/journald.conf.d/kiosk.conf"
# Nothing that differs from build to build, nothing a read-only root cannot keep.
: > "$R/etc/machine-id"
rm -f "$R/var/lib/dbus/machine-id"
rm -rf "$R"/var/log/* "$R"/var/cache/apt/* "$R"/var/lib/apt/lists/* "$R"/var/cache/ldconfig/aux-cache \
  "$R"/var/cache/fontconfig/* "$R"/var/cache/debconf/*-old "$R"/var/lib/dpkg/*-old
find "$R/usr/share/fonts" -name .uuid -delete
