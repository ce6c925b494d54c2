// What a running kioskd leaves in its runtime directory (/run/kiosk under systemd): its pid,
// the health file (display, speech, readers) and, on SIGUSR1, a screenshot.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kioskctl {

inline constexpr const char* kDefaultRunDir = "/run/kiosk";

// A health file's contents ({"healthy": ..., "display": ...}); nullopt when missing or not JSON.
std::optional<nlohmann::json> read_health(const std::string& path);

class KioskdRuntime {
 public:
  explicit KioskdRuntime(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }
  std::string health_file() const { return dir_ + "/health"; }
  std::string screenshot_file() const { return dir_ + "/screenshot.png"; }

  // The pid of a kioskd that is alive, if one wrote its pid file here.
  std::optional<pid_t> running_pid() const;
  std::optional<nlohmann::json> health() const { return read_health(health_file()); }

 private:
  std::string dir_;
};

}  // namespace kioskctl
