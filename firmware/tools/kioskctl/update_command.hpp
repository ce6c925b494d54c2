// `kioskctl update install FILE | install --from-usb | status | mark-good [--wait-healthy S]`:
// signed A/B updates through RAUC. Install writes the inactive slot and makes it primary; after
// the reboot, mark-good (run by kiosk-mark-good.service once kioskd reports itself healthy)
// confirms it; a slot that never becomes healthy is given up by the bootloader backend.
#pragma once

#include <span>
#include <string>

namespace kioskctl {

int update_command(std::span<const std::string> args);
const char* update_help();

// A RAUC error in words a technician can act on (tampered, foreign CA, wrong board, truncated).
std::string explain_rauc_error(const std::string& rauc_output);

}  // namespace kioskctl
