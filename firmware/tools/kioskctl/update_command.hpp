// `kioskctl update install FILE | install --from-usb | status | mark-good [--wait-healthy S]`:
// signed A/B updates through RAUC. Install writes the inactive slot and makes it primary; after
// the reboot, mark-good (run by kiosk-confirm.service once kioskd reports itself healthy)
// confirms it; a slot that never becomes healthy is given up by the bootloader backend.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kioskctl {

int update_command(std::span<const std::string> args);
const char* update_help();

// A RAUC error in words a technician can act on (tampered, foreign CA, wrong board, truncated).
std::string explain_rauc_error(const std::string& rauc_output);

// `rauc status` as JSON lines (one update-status line, one line per slot), or nullopt with a
// reason. `conf`: a system.conf other than RAUC's default.
std::optional<std::vector<nlohmann::json>> rauc_status(const std::optional<std::string>& conf,
                                                       std::string& error);

}  // namespace kioskctl
