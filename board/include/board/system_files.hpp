// System files derived from a board profile, so the profile stays the one place a board is
// described: the udev rules that hand the kiosk user its allowlisted readers (and nothing
// else), and RAUC's system.conf for the board's A/B slots.
#pragma once

#include <string>

#include "board/profile.hpp"

namespace board {

// One rule per allowlisted VID:PID: the USB device node goes to GROUP with mode 0660, so
// kioskd (an unprivileged user) can claim it through libusb; every other USB device stays
// root's.
std::string udev_rules(const BoardProfile& profile, const std::string& group = "kiosk");

struct RaucPaths {
  std::string keyring = "/etc/rauc/keyring.pem";
  std::string bootloader_backend = "/usr/lib/kiosk/kiosk-bootloader.sh";
  std::string mount_prefix = "/run/rauc/mnt";
  // Production kiosks install verity bundles only (each block checked as it is read). Host
  // tests without device-mapper may allow the old plain format; images never do.
  bool allow_plain_bundles = false;
};

// RAUC 1.8 system.conf: the board's compatible string, the two slots of [update] and the
// `custom` bootloader backend. Empty with `error` set when the profile has no [update] slots.
std::string rauc_system_conf(const BoardProfile& profile, const RaucPaths& paths,
                             std::string& error);

}  // namespace board
