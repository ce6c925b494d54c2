// 暂停服务: what kioskd runs instead of the kiosk when its board profile cannot be used (it
// cannot be read, or a value is refused). Exiting would not help anyone: under the unit's
// Restart=always and StartLimitAction=reboot the kiosk would reboot over and over, dark. So the
// screen is opened with safe settings (maintenance_board), and a poster says in the largest type
// that this kiosk is out of service and where to go instead, with the technician's reason
// (file:line) under it; the Announcer says it when it appears and again on every key or touch.
// Nothing else works here: no session, no card readers, no staff menu (a --keys script's steps
// are keys that only bring the sentence again). systemd still gets READY=1 and WATCHDOG=1, and
// the health report is written unhealthy with the reason (its `profile` part), so `kioskctl
// status` and the update confirmation see why. SIGTERM ends it with exit code 0, like the kiosk.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "board/profile.hpp"
#include "kiosk.hpp"
#include "kiosk/result.hpp"
#include "options.hpp"

namespace kiosk {

// The board the maintenance screen runs with: the screen, fonts and audio of the refused profile
// when it was read (its keys or readers were refused), else of the image's profile when that
// one loads, else a 1920x1080 21.5-inch landscape panel ("auto" video) and the Noto fonts.
board::BoardProfile maintenance_board(const std::optional<board::BoardProfile>& refused,
                                      const std::string& image_profile = board::kImageProfile);

class MaintenanceScreen {
 public:
  // The screen and the voice opened, or the exit code (3 fonts, 4 screen, 1 utterance log).
  static std::variant<std::unique_ptr<MaintenanceScreen>, Kiosk::Failed> open(
      const Options& options, const Kiosk::ProfileUnusable& why);
  ~MaintenanceScreen();
  // Until SIGTERM (or --frames N frames): 0.
  int run();

 private:
  struct Parts;
  explicit MaintenanceScreen(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> p_;
};

}  // namespace kiosk
