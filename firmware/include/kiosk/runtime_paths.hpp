// What a running kioskd keeps in its runtime directory (/run/kiosk under systemd): its pid, the
// health report and, on SIGUSR1, a screenshot for the technician. kioskd writes, kioskctl reads:
// the names live here once.
#pragma once

#include <string>

namespace kiosk {

inline constexpr const char* kDefaultRuntimeDir = "/run/kiosk";

struct RuntimePaths {
  std::string dir;  // empty: kioskd keeps no runtime files (a developer run without systemd)
  std::string health() const { return dir + "/health"; }
  std::string pid() const { return dir + "/kioskd.pid"; }
  std::string screenshot() const { return dir + "/screenshot.png"; }
  // rime's user data (the on-screen keyboard's pinyin): holds nothing typed (see pinyin.hpp).
  std::string rime() const { return dir + "/rime"; }
  // The USB-stick update hand-over (kiosk/stick_update.hpp): the installer offers, kioskd
  // consents once staff confirm, the installer writes the outcome.
  std::string update_offer() const { return dir + "/update-offer"; }
  std::string update_consent() const { return dir + "/update-consent"; }
  std::string update_outcome() const { return dir + "/update-outcome"; }
  // The fleet agent's hand-over (fleet/agent.hpp): the hall's dashboard acknowledged the
  // citizen's call for staff; kioskd says someone is on the way and removes the file.
  std::string staff_ack() const { return dir + "/staff-ack"; }
  bool enabled() const { return !dir.empty(); }

  // kioskd: beside an explicit --health-file, else $RUNTIME_DIRECTORY (systemd), else none.
  static RuntimePaths for_kioskd(const std::string& health_file_option);
};

}  // namespace kiosk
