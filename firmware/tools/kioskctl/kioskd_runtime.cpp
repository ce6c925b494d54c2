#include "kioskd_runtime.hpp"

#include <signal.h>

#include <cerrno>
#include <fstream>

namespace kioskctl {

std::optional<pid_t> KioskdRuntime::running_pid() const {
  std::ifstream in(paths_.pid());
  long pid = 0;
  if (!(in >> pid) || pid <= 1) return std::nullopt;
  // Signal 0 checks existence; EPERM means alive but owned by another user (kiosk).
  if (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) return static_cast<pid_t>(pid);
  return std::nullopt;
}

}  // namespace kioskctl
