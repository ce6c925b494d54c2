#!/bin/sh
# Builds a signed RAUC bundle holding one root file-system image.
#   usage: make-bundle.sh ROOTFS_IMAGE VERSION COMPATIBLE CERT KEY OUT.raucb [plain|verity]
# The manifest's build stamp comes from SOURCE_DATE_EPOCH so the same inputs give the same
# manifest.
set -eu
IMG=$1; VERSION=$2; COMPAT=$3; CERT=$4; KEY=$5; OUT=$6; FORMAT=${7:-verity}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$IMG" "$work/rootfs.img"
stamp=$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y%m%d%H%M)
cat > "$work/manifest.raucm" <<EOM
[update]
compatible=$COMPAT
version=$VERSION
build=$stamp

[bundle]
format=$FORMAT

[image.rootfs]
filename=rootfs.img
EOM
rm -f "$OUT"
rauc bundle --cert="$CERT" --key="$KEY" "$work" "$OUT" >/dev/null
