#include "kioskd_runtime.hpp"

#include <signal.h>

#include <cerrno>
#include <fstream>

namespace kioskctl {

std::optional<pid_t> KioskdRuntime::running_pid() const {
  std::ifstream in(dir_ + "/kioskd.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 1) return std::nullopt;
  // Signal 0 checks existence; EPERM means alive but owned by another user (kiosk).
  if (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) return static_cast<pid_t>(pid);
  return std::nullopt;
}

std::optional<nlohmann::json> read_health(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace kioskctl
