#!/bin/sh
# One hash over what the bootable image is built from (the recipe, the system files, the A/B
# update pieces, the packaging, the image's board profile and its host packages). CI runs
# `make image-test` only when this differs from board/image/tested-inputs.sha256, which a
# passing `make image-test` rewrites (commit it with the change).
cd "$(dirname "$0")/.." || exit 1
git ls-files -s board/image board/system board/update board/packaging board/profiles/qemu-x86.toml \
  scripts/packages-image.txt | grep -v 'board/image/tested-inputs.sha256' \
  | awk '{print $2, $4}' | sha256sum | cut -d' ' -f1
