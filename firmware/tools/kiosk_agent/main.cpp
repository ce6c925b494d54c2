// kiosk-agent: the kiosk's telemetry and call-staff alerts on the hall's MQTT broker (issue 16),
// a process and unit of its own beside kioskd (see fleet/agent.hpp). The main loop is a list of
// steps; the hawkBit roll-out client is meant to be one more beside the agent's.
#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>

#include "fleet/agent.hpp"
#include "fleet/agent_config.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void request_stop(int) {
  g_stop = 1;
}

constexpr std::string_view kUsage =
    "usage: kiosk-agent [--config FILE] [--check]\n"
    "Publishes this kiosk's status (kioskd's health report), online/offline and call-staff\n"
    "alerts to the hall's MQTT broker, and hands the hall's acknowledgement of a call to kioskd.\n"
    "  --config FILE  the agent's settings (default /data/kiosk/agent.toml, else\n"
    "                 /etc/kiosk/agent.toml)\n"
    "  --check        only check the settings file, print what it says, and exit\n"
    "  --help         this text\n"
    "Exit codes: 0 stopped by SIGINT/SIGTERM (or --check passed), 1 cannot start, 2 bad\n"
    "arguments or settings.\n";

void log(const std::string& line) {
  std::fprintf(stderr, "kiosk-agent: %s\n", line.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path = fleet::default_agent_config();
  bool check = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (a == "--check") {
      check = true;
    } else if (a == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::fprintf(stderr, "kiosk-agent: %s '%s'\n%s",
                   a == "--config" ? "missing value after" : "unknown option", argv[i],
                   kUsage.data());
      return 2;
    }
  }
  auto config = fleet::load_agent_config(config_path);
  if (!config) {
    log(config.error().technician);
    return 2;
  }
  if (check) {
    std::printf("%s: kiosk %s in hall %s, broker %s:%d (%s), runtime %s\n", config_path.c_str(),
                config->id.kiosk.c_str(), config->id.hall.c_str(), config->mqtt.host.c_str(),
                config->mqtt.port, config->mqtt.tls ? "TLS, client certificate" : "no TLS",
                config->runtime_dir.c_str());
    return 0;
  }
  if (!config->mqtt.tls) log("warning: no TLS: the broker cannot tell this kiosk from another");
  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  auto agent = fleet::Agent::start(*config, log);
  if (!agent) {
    log(agent.error().technician);
    return 1;
  }
  while (!g_stop) {
    const auto now = fleet::Agent::Clock::now();
    (*agent)->step(now);
    if ((*agent)->runtime_dir_stale()) {
      log("kioskd's runtime directory was made anew; starting again to reach it");
      return 0;  // the unit restarts the agent (Restart=always)
    }
    // A signal wakes nothing here: the wait is never longer than the next look (~1 s).
    (*agent)->wait((*agent)->next_step());
  }
  log("stopping");
  return 0;
}
