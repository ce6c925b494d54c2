#include "service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace kiosk {

ServiceManager::ServiceManager() {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
}

void ServiceManager::ready(const std::string& status) {
  sd_notifyf(0, "READY=1\nSTATUS=%s", status.c_str());
  last_ = std::chrono::steady_clock::now();
  if (watchdog_enabled()) sd_notify(0, "WATCHDOG=1");
}

void ServiceManager::status(const std::string& status) {
  sd_notifyf(0, "STATUS=%s", status.c_str());
}

void ServiceManager::keep_alive() {
  if (!watchdog_enabled()) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < interval_ / 2) return;
  last_ = now;
  sd_notify(0, "WATCHDOG=1");
}

}  // namespace kiosk
