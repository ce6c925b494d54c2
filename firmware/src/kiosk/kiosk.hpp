// kioskd's composition root: the board profile, the fonts, the screen, the voice, the card
// readers and systemd around a KioskCore, and the loop that feeds it — SDL events through the
// key map and the router, reader events, page loads and timers — while the watchdog is fed
// every turn. The loop never blocks on anything but SDL's event wait, which a loaded page, a
// card or a deadline ends.
#pragma once

#include <memory>

#include "kiosk/result.hpp"
#include "options.hpp"

namespace kiosk {

class Kiosk {
 public:
  struct Failed {
    int exit_code;  // kioskd's documented exit codes
    Error error;
  };
  // Everything brought up, or the exit code and why not.
  static std::variant<std::unique_ptr<Kiosk>, Failed> create(const Options& options);
  ~Kiosk();
  int run();

 private:
  struct Parts;
  explicit Kiosk(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> p_;
};

}  // namespace kiosk
