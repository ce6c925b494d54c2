// kioskd under systemd: READY=1 once the first frame is on the screen, WATCHDOG=1 from the main
// loop (so a hung loop gets the process restarted) and STATUS= lines for `systemctl status`.
// The health report is kiosk/health.hpp. Outside systemd (no NOTIFY_SOCKET) these are no-ops.
#pragma once

#include <algorithm>
#include <chrono>
#include <string>

namespace kiosk {

class ServiceManager {
 public:
  ServiceManager();
  void ready(const std::string& status);
  void status(const std::string& status);
  // Call from the main loop as often as it turns; pings at half the watchdog interval.
  void keep_alive();
  bool watchdog_enabled() const { return interval_.count() > 0; }
  // The longest the main loop may sleep and still ping in time (a quarter of the interval).
  std::chrono::milliseconds max_sleep(std::chrono::milliseconds otherwise) const {
    if (!watchdog_enabled()) return otherwise;
    return std::min(otherwise,
                    std::chrono::duration_cast<std::chrono::milliseconds>(interval_ / 4));
  }

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace kiosk
