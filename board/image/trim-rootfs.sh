#!/bin/sh
# Part of the mmdebstrap customize hook (customize-rootfs.sh): leaves in the root file system
# only what the board uses. Debian's kernel package carries modules for every PC there is
# (about 400 MiB, a third of the old root); the board keeps the modules named in
# board/image/modules/BOARD.txt and their dependencies, the initrd is made again from those,
# and the font packages keep the faces the board profile names (regular and bold).
# dpkg still lists the removed files: the root is read-only and replaced whole by updates.
#   usage: trim-rootfs.sh ROOT BOARD
set -eu
R=$1; BOARD=$2
HERE=$(cd "$(dirname "$0")" && pwd)
LIST=$HERE/modules/$BOARD.txt
[ -f "$LIST" ] || { echo "trim-rootfs: no module list $LIST for board $BOARD" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for K in "$R"/lib/modules/*; do
  [ -d "$K/kernel" ] || continue
  KVER=$(basename "$K")
  # Every listed module with what it needs (dependencies and soft dependencies).
  : > "$tmp/keep"
  for m in $(sed 's/#.*//' "$LIST"); do
    if ! modprobe -d "$R" -S "$KVER" --show-depends "$m" > "$tmp/deps" 2> "$tmp/err"; then
      echo "trim-rootfs: $BOARD.txt names module '$m', which kernel $KVER does not have:" >&2
      cat "$tmp/err" >&2; exit 1
    fi
    sed -n "s|^insmod $R/*\(/lib/modules/[^ ]*\).*|\1|p" "$tmp/deps" >> "$tmp/keep"
  done
  sort -u "$tmp/keep" -o "$tmp/keep"
  (cd "$R" && find "lib/modules/$KVER/kernel" -name '*.ko*' -printf '/%p\n') | sort > "$tmp/all"
  comm -23 "$tmp/all" "$tmp/keep" | sed "s|^|$R|" | xargs -r rm -f
  find "$K/kernel" -depth -type d -empty -delete
  echo "trim-rootfs: kernel $KVER keeps $(wc -l < "$tmp/keep") of $(wc -l < "$tmp/all") modules ($(du -sm "$K" | cut -f1) MiB)"
  chroot "$R" depmod -a "$KVER"
  # Firmware files only for the modules kept (QEMU's devices need none).
  if [ -d "$R/lib/firmware" ]; then
    for ko in $(cat "$tmp/keep"); do modinfo -F firmware "$R$ko"; done | sort -u > "$tmp/fw"
    (cd "$R/lib/firmware" && find . -type f -printf '%P\n' | sort) | comm -23 - "$tmp/fw" \
      | sed "s|^|$R/lib/firmware/|" | xargs -r rm -f
    find "$R/lib/firmware" -depth -type d -empty -delete
  fi
  # The initrd holds what initramfs-tools takes from the modules left (MODULES=most).
  if [ -e "$R/boot/initrd.img-$KVER" ]; then
    chroot "$R" update-initramfs -u -k "$KVER" > "$tmp/initramfs.log" 2>&1 || { cat "$tmp/initramfs.log" >&2; exit 1; }
  fi
done

# Fonts: the families the board profile lists, regular and bold faces; other scripts and the
# serif families go. Family names map to files by name (Noto's files are named after them).
keep_fonts=$(sed -n 's/^families *= *\[\(.*\)\]/\1/p' "$R/etc/kiosk/board.toml" | tr -d '"' | tr ',' '\n' \
  | sed 's/^ *//; s/ *$//; s/ CJK [A-Z]*$/ CJK/; s/ //g')
if [ -n "$keep_fonts" ] && [ -d "$R/usr/share/fonts" ]; then
  find "$R/usr/share/fonts" -type f \( -name '*.ttf' -o -name '*.ttc' -o -name '*.otf' \) | while read -r f; do
    base=$(basename "$f"); keep=0
    for fam in $keep_fonts; do
      case "$base" in "$fam-Regular."* | "$fam-Bold."*) keep=1 ;; esac
    done
    [ $keep = 1 ] || rm -f "$f"
  done
  find "$R/usr/share/fonts" -depth -type d -empty -delete
  echo "trim-rootfs: fonts kept: $(cd "$R/usr/share/fonts" && find . -type f \( -name '*.tt?' -o -name '*.otf' \) -printf '%f ' )"
fi
