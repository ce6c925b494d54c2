// kiosk-fleet-sim: simulated kiosks on a broker, for trying the hall dashboard (and training
// staff on it) without kiosks: each publishes a made-up status every few seconds, one in turn
// calls for staff now and then, and each clears its call when the dashboard answers it.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "simulated_kiosk.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;

constexpr std::string_view kUsage =
    "usage: kiosk-fleet-sim [options]\n"
    "Simulated kiosks publishing status and staff calls like the kiosk agent (made-up figures;\n"
    "nothing personal). Stops on SIGINT/SIGTERM.\n"
    "  --broker-host H   (default 127.0.0.1)\n"
    "  --broker-port N   (default 1883)\n"
    "  --hall NAME       (default hall1)\n"
    "  --kiosks N        how many, named sim1..simN (default 3)\n"
    "  --status-every S  seconds between statuses (default 5)\n"
    "  --call-every S    seconds between staff calls, kiosks in turn (default 20; 0: none)\n"
    "  --help            this text\n";

int usage_error(const std::string& what) {
  std::fprintf(stderr, "kiosk-fleet-sim: %s\n%s", what.c_str(), kUsage.data());
  return 2;
}

kiosk::HealthReport made_up(int index, long now, long started) {
  kiosk::HealthReport h;
  h.display = {true, "offscreen"};
  h.speech = {true, "speaking"};
  // Every third kiosk has no card reader: the dashboard shows a 故障 there.
  h.readers = {index % 3 != 2, index % 3 != 2 ? "libusb: 1 reader" : "libusb: no reader"};
  h.version = "0.1.0";
  h.slot = index % 2 == 0 ? "A" : "B";
  h.started_at = started;
  h.uptime_s = now - started;
  h.sessions_today = static_cast<int>((now - started) / 60) + index;
  h.audio_sessions_today = h.sessions_today / 4;
  h.large_type_sessions_today = h.sessions_today / 3;
  h.touch_sessions_today = h.sessions_today / 2;
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  fleet::MqttOptions broker;
  std::string hall = "hall1";
  int kiosks = 3;
  int status_every = 5;
  int call_every = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (i + 1 >= argc) return usage_error("unknown option or missing value: " + std::string(a));
    const std::string value = argv[++i];
    const int number = std::atoi(value.c_str());
    if (a == "--broker-host")
      broker.host = value;
    else if (a == "--broker-port")
      broker.port = number;
    else if (a == "--hall")
      hall = value;
    else if (a == "--kiosks")
      kiosks = number;
    else if (a == "--status-every")
      status_every = number;
    else if (a == "--call-every")
      call_every = number;
    else
      return usage_error("unknown option: " + std::string(a));
  }
  if (kiosks < 1 || kiosks > 300 || status_every < 1 || call_every < 0) {
    return usage_error("--kiosks 1..300, --status-every >= 1, --call-every >= 0");
  }
  std::vector<std::unique_ptr<fleet_sim::SimulatedKiosk>> sims;
  for (int i = 1; i <= kiosks; ++i) {
    const auto id = fleet::make_kiosk_id(hall, "sim" + std::to_string(i));
    if (!id) return usage_error(id.error().technician);
    auto sim = fleet_sim::SimulatedKiosk::start(*id, broker);
    if (!sim) {
      std::fprintf(stderr, "kiosk-fleet-sim: %s\n", sim.error().technician.c_str());
      return 1;
    }
    sims.push_back(std::move(*sim));
  }
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  std::fprintf(stderr, "kiosk-fleet-sim: %d kiosks in %s on %s:%d\n", kiosks, hall.c_str(),
               broker.host.c_str(), broker.port);
  const long started = static_cast<long>(std::time(nullptr));
  std::size_t next_call = 0;
  for (long second = 0; g_stop == 0; ++second) {
    const long now = static_cast<long>(std::time(nullptr));
    if (second % status_every == 0) {
      for (std::size_t i = 0; i < sims.size(); ++i) {
        (void)sims[i]->publish_status(made_up(static_cast<int>(i), now, started), now);
      }
    }
    if (call_every > 0 && second % call_every == call_every / 2) {
      (void)sims[next_call++ % sims.size()]->raise_alert(now);
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return 0;
}
