#include "service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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

std::string ServiceManager::write_health(const std::string& path, bool display_ok,
                                         const std::string& display, bool speech_ok,
                                         const std::string& speech, bool readers_ok,
                                         const std::string& readers) {
  nlohmann::json j{{"healthy", display_ok && speech_ok && readers_ok},
                   {"display", display},
                   {"speech", speech},
                   {"readers", readers}};
  std::error_code ec;
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::string tmp = path + ".new";
  {
    std::ofstream out(tmp);
    if (!out) return "cannot write " + tmp;
    out << j.dump() << "\n";
  }
  std::filesystem::rename(tmp, path, ec);
  return ec ? "cannot write " + path + ": " + ec.message() : std::string();
}

}  // namespace kiosk
