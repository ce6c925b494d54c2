// What a running kioskd leaves in its runtime directory (/run/kiosk under systemd): its pid,
// the health report (display, speech, readers) and, on SIGUSR1, a screenshot. The file names
// and the health schema are kioskd's own (kiosk/runtime_paths.hpp, kiosk/health.hpp); this
// only adds what a technician tool needs on top: is the kioskd that wrote them still alive.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "kiosk/health.hpp"
#include "kiosk/result.hpp"
#include "kiosk/runtime_paths.hpp"

namespace kioskctl {

class KioskdRuntime {
 public:
  explicit KioskdRuntime(std::string dir) : paths_{std::move(dir)} {}
  const kiosk::RuntimePaths& paths() const { return paths_; }
  const std::string& dir() const { return paths_.dir; }

  // The pid of a kioskd that is alive, if one wrote its pid file here.
  std::optional<pid_t> running_pid() const;
  kiosk::Result<kiosk::HealthReport> health() const { return kiosk::read_health(paths_.health()); }

 private:
  kiosk::RuntimePaths paths_;
};

}  // namespace kioskctl
