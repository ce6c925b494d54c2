#!/bin/sh
# Builds a signed RAUC bundle holding one root file-system image.
#   usage: make-bundle.sh ROOTFS_IMAGE VERSION COMPATIBLE CERT KEY OUT.raucb [plain|verity]
# The manifest's build stamp comes from SOURCE_DATE_EPOCH so the same inputs give the same
# manifest.
# Adaptive updates (RAUC >= 1.8, docs/advanced.rst "Adaptive Updates"): a verity bundle also
# carries a block-hash-index of the image (a SHA-256 per 4 KiB block, 0.8 % of the image), and
# the installer takes every block it already has in either slot from there instead of from the
# bundle; with HTTP streaming only the missing blocks are downloaded. On by default for verity
# bundles (RAUC ignores it for installs that cannot use it); KIOSK_BUNDLE_ADAPTIVE=0 turns it
# off. The image must be a whole number of 4 KiB blocks.
set -eu
IMG=$1; VERSION=$2; COMPAT=$3; CERT=$4; KEY=$5; OUT=$6; FORMAT=${7:-verity}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$IMG" "$work/rootfs.img"
adaptive=""
if [ "$FORMAT" != plain ] && [ "${KIOSK_BUNDLE_ADAPTIVE:-1}" = 1 ]; then
  [ $(( $(stat -c %s "$IMG") % 4096 )) -eq 0 ] || { echo "make-bundle: $IMG is not a multiple of 4 KiB" >&2; exit 1; }
  adaptive="adaptive=block-hash-index"
fi
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
$adaptive
EOM
rm -f "$OUT"
rauc bundle --cert="$CERT" --key="$KEY" "$work" "$OUT" >/dev/null
