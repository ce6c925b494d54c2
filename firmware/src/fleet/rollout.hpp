// A staged roll-out on the kiosk's side (issue 16): polls hawkBit at the interval the server
// sets, takes the one RAUC bundle of an assigned deployment, downloads it with resume and
// bounded, backed-off retries, verifies its size and sha256, and installs it through the same
// path as the USB stick (`kioskctl update install`: same keys, same version rule) only when
// the server's maintenance window and the hall's local window are open and kioskd reports no
// citizen being served. Every turn is told to the server as DDI feedback, failures with their
// reason, so a failing canary stops the roll-out there. A cancel is honoured until the install
// starts.
//
// No threads and no clock of its own: the owner calls step(now) and sleeps until the time it
// returns; the HTTP client and the installer are handed in, so tests run on a loopback stub with
// a fake clock and a fake installer. step() blocks while it downloads or installs: run it on a
// thread of its own beside the agent's telemetry.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/ddi_client.hpp"

namespace fleet {

// A daily window in local time; end < start wraps past midnight ("22:00-05:00").
struct LocalWindow {
  int start_minute = 0;  // minutes after local midnight
  int end_minute = 0;
  bool contains(int minute_of_day) const;
};
// "HH:MM-HH:MM"; nullopt for anything else (or an empty window).
std::optional<LocalWindow> parse_local_window(std::string_view text);

struct InstallOutcome {
  bool ok = false;
  std::string reason;  // why not, for the failure feedback and the technician
};

class Installer {
 public:
  virtual ~Installer() = default;
  virtual InstallOutcome install(const std::string& bundle_path) = 0;
};

// `kioskctl update install <bundle> [extra args]`: RAUC's signature check against the kiosk's
// keyring, verity bundles only, never older than the running or waiting slot. Exit 0 is done
// (also "already in the slot booted next"); otherwise the reason kioskctl printed.
class KioskctlInstaller : public Installer {
 public:
  explicit KioskctlInstaller(std::string kioskctl = "kioskctl",
                             std::vector<std::string> extra_args = {});
  InstallOutcome install(const std::string& bundle_path) override;

 private:
  std::string kioskctl_;
  std::vector<std::string> extra_args_;
};

struct RolloutSettings {
  std::string work_dir;  // the download lives here: one bundle at a time, mode 0600
  std::string health_file = "/run/kiosk/health";
  std::optional<LocalWindow> local_window;  // none: the server's window alone decides
  int max_download_attempts = 6;            // per action, then failure feedback
  std::chrono::seconds first_retry{30};     // doubled per failed attempt ...
  std::chrono::seconds max_retry{std::chrono::minutes(30)};        // ... up to this
  std::chrono::seconds unreachable_poll{std::chrono::minutes(5)};  // server down: poll again
  std::chrono::seconds recheck_install{30};  // waiting for a window or a citizen to finish
  std::uint64_t max_bundle_bytes = 4ULL << 30;
  // Called once after a successful install, as soon as the hall's window is open and no
  // citizen is served (e.g. `systemctl reboot`; the new slot is confirmed by kiosk-confirm).
  // Empty: whoever owns the kiosk restarts it.
  std::function<void()> restart;
  // Local minute of the day at `now` (tests pass their own; default: the system's time zone).
  std::function<int(std::chrono::system_clock::time_point)> minute_of_day;
};

struct RolloutStatus {
  enum class Phase { Idle, Downloading, WaitingToInstall };
  Phase phase = Phase::Idle;
  std::string action_id;
  std::string version;      // the bundle's chunk version, as the server names it
  std::string waiting_for;  // why the install has not started ("a citizen is being served")
  std::string last_error;   // the last failure (poll, download, install), for the technician
  std::string last_result;  // "installed 1.6.0 (action 8)", "failed: …", "canceled action 8"
  int download_attempts = 0;
  bool restart_pending = false;  // installed; waiting for the hall to allow the restart
};

class Rollout {
 public:
  using Clock = std::chrono::system_clock;
  Rollout(DdiClient& client, Installer& installer, RolloutSettings settings);

  // Does what is due at `now` (a poll, a download attempt, an install) and returns when it
  // wants to be called again. Never throws.
  Clock::time_point step(Clock::time_point now);
  const RolloutStatus& status() const { return status_; }

 private:
  struct Action {
    DdiDeployment deployment;
    DdiArtifact artifact;
    std::string version;
    std::string path;
    int attempts = 0;
    Clock::time_point next_try{};
    bool downloaded = false;
  };

  void poll(Clock::time_point now);
  void take_cancel(const std::string& href);
  void take_deployment(const std::string& href, Clock::time_point now);
  void download(Action& a, Clock::time_point now);
  void maybe_install(Action& a, Clock::time_point now);
  std::string install_blocker(const Action& a) const;
  std::string hall_blocker(Clock::time_point now) const;
  void maybe_restart(Clock::time_point now);
  void finish(bool success, const std::string& detail);
  void send(const Feedback& f);
  void send_final(const std::string& action_id, const Feedback& f);
  void flush_final();

  DdiClient& client_;
  Installer& installer_;
  RolloutSettings settings_;
  RolloutStatus status_;
  std::optional<Action> action_;
  std::map<std::string, bool> finished_;  // action id -> installed; never started again
  std::optional<std::pair<std::string, Feedback>> unsent_final_;  // retried until delivered
  Clock::time_point next_poll_{};
  bool restart_pending_ = false;
  std::string told_waiting_;  // the waiting reason last sent as feedback (sent once per change)
};

// The file's sha256 in lower-case hex, or an error.
kiosk::Result<std::string> sha256_file(const std::string& path);

}  // namespace fleet
