// kiosk-rollout: staged roll-outs from the hall's hawkBit server (issue 16), the DDI client and
// roll-out of fleet/rollout.hpp in a process of its own. It installs through RAUC, which only
// root may ask, so it runs as root in its own tight unit (kiosk-rollout.service), apart from the
// agent that speaks MQTT as the kiosk user: the process on the hall's broker cannot install.
// It reads the [rollout] section of the agent's settings file (fleet/agent_config.hpp).
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>

#include "fleet/agent_config.hpp"
#include "fleet/ddi_client.hpp"
#include "fleet/rollout.hpp"
#include "kiosk/runtime_paths.hpp"

extern char** environ;

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void request_stop(int) {
  g_stop = 1;
}

constexpr std::string_view kUsage =
    "usage: kiosk-rollout [--config FILE] [--check]\n"
    "Takes staged roll-outs from the hall's hawkBit server ([rollout] in the agent's settings):\n"
    "polls, downloads with resume, verifies, installs through `kioskctl update install` inside\n"
    "the local window and outside citizen sessions, reports feedback, then restarts the kiosk.\n"
    "  --config FILE  the settings (default /data/kiosk/agent.toml, else /etc/kiosk/agent.toml)\n"
    "  --check        only check the settings, print what they say, and exit\n"
    "  --no-restart   install, but leave the restart to the technician (test benches)\n"
    "  --kioskctl P   the kioskctl to install with (default: kioskctl on PATH)\n"
    "Exit codes: 0 stopped (or nothing to do: no [rollout]), 1 cannot start, 2 bad settings.\n";

void log(const std::string& line) {
  std::fprintf(stderr, "kiosk-rollout: %s\n", line.c_str());
}

// The target token: a file only its owner reads (it lets anyone pose as this kiosk).
kiosk::Result<std::string> read_token(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return kiosk::technician_error(path + ": cannot read");
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    return kiosk::technician_error(path + ": the token file must be mode 0600, not " + mode +
                                   " (it lets anyone pose as this kiosk)");
  }
  std::ifstream in(path);
  std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();
  if (token.empty() || token.size() > 256) {
    return kiosk::technician_error(path + ": no token in it (or longer than 256 characters)");
  }
  return token;
}

void reboot_kiosk() {
  log("update installed, no citizen served, inside the window: restarting into it");
  const char* argv[] = {"systemctl", "reboot", nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "systemctl", nullptr, nullptr, const_cast<char**>(argv), environ) == 0) {
    waitpid(pid, nullptr, 0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = fleet::default_agent_config();
  bool check = false;
  bool restart = true;
  std::string kioskctl = "kioskctl";
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (a == "--check") {
      check = true;
    } else if (a == "--no-restart") {
      restart = false;
    } else if (a == "--kioskctl" && i + 1 < argc) {
      kioskctl = argv[++i];
    } else if (a == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::fprintf(stderr, "kiosk-rollout: unknown option '%s'\n%s", argv[i], kUsage.data());
      return 2;
    }
  }
  auto config = fleet::load_agent_config(config_path);
  if (!config) {
    log(config.error().technician);
    return 2;
  }
  if (!config->rollout) {
    log(config_path + " has no [rollout]: this kiosk is updated by USB stick only");
    return 0;
  }
  const fleet::RolloutConfig& r = *config->rollout;
  if (check) {
    std::printf("%s: hawkBit %s tenant %s controller %s, window %s, work %s\n", config_path.c_str(),
                r.server_url.c_str(), r.tenant.c_str(), r.controller_id.c_str(),
                r.local_window.empty() ? "any" : r.local_window.c_str(), r.work_dir.c_str());
    return 0;
  }
  auto token = read_token(r.token_file);
  if (!token) {
    log(token.error().technician);
    return 2;
  }
  fleet::DdiSettings ds;
  ds.server_url = r.server_url;
  ds.tenant = r.tenant;
  ds.controller_id = r.controller_id;
  ds.token = std::move(*token);
  ds.ca_file = r.ca_file;
  fleet::DdiClient ddi(ds);
  fleet::KioskctlInstaller installer(kioskctl);
  fleet::RolloutSettings rs;
  rs.work_dir = r.work_dir;
  rs.health_file = kiosk::RuntimePaths{config->runtime_dir}.health();
  if (!r.local_window.empty()) rs.local_window = fleet::parse_local_window(r.local_window);
  if (restart) rs.restart = reboot_kiosk;
  fleet::Rollout rollout(ddi, installer, rs);
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  log("polling " + r.server_url + " as " + r.controller_id);
  std::string told;
  while (!g_stop) {
    const auto next = rollout.step(fleet::Rollout::Clock::now());
    const auto& s = rollout.status();
    const std::string now_told = s.last_result + "|" + s.waiting_for + "|" + s.last_error;
    if (now_told != told) {  // the journal hears each change once
      told = now_told;
      if (!s.last_result.empty()) log("last: " + s.last_result);
      if (!s.waiting_for.empty()) log("waiting " + s.waiting_for);
      if (!s.last_error.empty()) log("error: " + s.last_error);
    }
    // Sleep in short slices so SIGTERM is taken within a second.
    while (!g_stop && fleet::Rollout::Clock::now() < next) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
  log("stopping");
  return 0;
}
