// kioskd under systemd: READY=1 once the first frame is on the screen, WATCHDOG=1 from the main
// loop (so a hung loop gets the process restarted), STATUS= lines for `systemctl status`, and
// the health file the update confirmation waits for (display, speech and readers up). Outside
// systemd (no NOTIFY_SOCKET) the notifications are no-ops.
#pragma once

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

  // {"healthy": ..., "display": ..., "speech": ..., "readers": ...} written atomically.
  static std::string write_health(const std::string& path, bool display_ok,
                                  const std::string& display, bool speech_ok,
                                  const std::string& speech, bool readers_ok,
                                  const std::string& readers);

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace kiosk
