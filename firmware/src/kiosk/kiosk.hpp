// kioskd's composition root: the board profile, the fonts, the screen, the voice, the card
// readers and systemd around a KioskCore, and the loop that feeds it — SDL events through the
// key map and the router, reader events, page loads and timers — while the watchdog is fed
// every turn. The loop never blocks on anything but SDL's event wait, which a loaded page, a
// card or a deadline ends.
#pragma once

#include <memory>
#include <optional>

#include "kiosk/result.hpp"
#include "options.hpp"

namespace kiosk {

class Kiosk {
 public:
  struct Failed {
    int exit_code;  // kioskd's documented exit codes
    Error error;
  };
  // The board profile cannot be read or is not valid: kioskd shows the 暂停服务 maintenance
  // screen (kiosk/maintenance_screen.hpp) instead of exiting, which under the unit's restart
  // rules would end in a reboot loop. `error.technician` names the file (and line).
  struct ProfileUnusable {
    Error error;
    // The profile as read, when it was read but a later check refused it (its keys, its
    // readers): its screen and fonts are still the board's.
    std::optional<board::BoardProfile> refused;
  };
  // Everything brought up, the profile refused, or the exit code and why not.
  static std::variant<std::unique_ptr<Kiosk>, ProfileUnusable, Failed> create(
      const Options& options);
  ~Kiosk();
  int run();

 private:
  struct Parts;
  explicit Kiosk(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> p_;
};

}  // namespace kiosk
