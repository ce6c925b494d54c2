// The fleet under load (issue 16): N simulated kiosks (default 500), each one MqttLink — its own
// connection and libmosquitto network thread, exactly the kiosk agent's code path — against one
// mosquitto on loopback, and the hall dashboard in-process subscribed to every hall.
//   steady: every kiosk publishes its status every --status-every s (staggered) and one kiosk in
//           turn raises a staff call every 100 ms; a client long-polls /state.json as the page
//           does and answers each call it sees through the dashboard (the AlertAck goes out and
//           the kiosk clears its call).
//   flood:  every kiosk publishes --flood statuses back to back, QoS 1, until the dashboard has
//           taken them all.
// libmosquitto's network loop uses pselect(), so one process can hold no descriptor above 1023
// (three per link: about 330 links). The first 100 kiosks, which raise the timed calls, live in
// this process; the others in worker processes of at most 200 (this program, --worker), told
// what to do on their stdin. Prints BENCH lines; bench/README.md says from where to where.
#include <fcntl.h>
#include <httplib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fleet/dashboard_service.hpp"
#include "mosquitto_broker.hpp"
#include "simulated_kiosk.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct BrokerUsage {
  double cpu_s = 0;  // user + system
  double rss_mb = 0;
  double peak_rss_mb = 0;
};

BrokerUsage usage(pid_t pid) {
  BrokerUsage u;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  long utime = 0;
  long stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::atol(field.c_str());
    if (i == 15) stime = std::atol(field.c_str());
  }
  u.cpu_s = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) u.rss_mb = std::atof(line.c_str() + 6) / 1024.0;
    if (line.rfind("VmHWM:", 0) == 0) u.peak_rss_mb = std::atof(line.c_str() + 6) / 1024.0;
  }
  return u;
}

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Nearest lower rank, as the other benches.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

struct Stamps {
  std::mutex mutex;
  std::map<std::pair<std::string, long>, Clock::time_point> raised;  // before raise_alert()
  std::vector<double> to_board;                                      // raise -> HallBoard holds it
  std::vector<double> to_json;  // raise -> /state.json shows it
};

int arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

fleet::KioskId kiosk_id(int i) {
  return *fleet::make_kiosk_id("hall" + std::to_string(i / 50), "k" + std::to_string(i));
}

kiosk::HealthReport report() {
  kiosk::HealthReport health;
  health.display = health.speech = health.readers = {true, "ok"};
  health.version = "1.4.2";
  health.slot = "A";
  return health;
}

using Sims = std::vector<std::unique_ptr<fleet_sim::SimulatedKiosk>>;

bool connect_all(Sims& sims, int first, int count, const fleet::MqttOptions& mqtt) {
  for (int i = first; i < first + count; ++i) {
    auto sim = fleet_sim::SimulatedKiosk::start(kiosk_id(i), mqtt);
    if (!sim) {
      std::fprintf(stderr, "fleet_load: kiosk %d: %s\n", i, sim.error().technician.c_str());
      return false;
    }
    sims.push_back(std::move(*sim));
  }
  for (auto& s : sims) {
    if (!s->wait_connected(30s)) {
      std::fprintf(stderr, "fleet_load: %s did not connect\n", s->id().kiosk.c_str());
      return false;
    }
  }
  return true;
}

// Statuses staggered over `every_s` (kiosk i in tick i mod period, 10 ms ticks); `each_tick`
// runs after each tick's statuses (the main process raises its calls there).
long steady(Sims& sims, int seconds, int every_s, const std::function<void(long)>& each_tick) {
  const auto start = Clock::now();
  const long period = every_s * 100L;
  const auto health = report();
  long published = 0;
  for (long t = 0; Clock::now() - start < std::chrono::seconds(seconds); ++t) {
    for (auto i = static_cast<std::size_t>(t % period); i < sims.size();
         i += static_cast<std::size_t>(period)) {
      if (sims[i]->publish_status(health, static_cast<long>(std::time(nullptr))).ok()) ++published;
    }
    if (each_tick) each_tick(t);
    std::this_thread::sleep_until(start + 10ms * (t + 1));
  }
  return published;
}

void flood(Sims& sims, int each) {
  const auto health = report();
  for (int n = 0; n < each; ++n) {
    for (auto& s : sims) (void)s->publish_status(health, n);
  }
}

// --worker FIRST COUNT PORT: kiosks [FIRST, FIRST + COUNT) until stdin closes. Lines in:
// "steady S E", "flood N"; lines out: "ready" once connected, "done" after each order.
int worker(int first, int count, int port) {
  fleet::MqttOptions mqtt;
  mqtt.port = port;
  Sims sims;
  if (!connect_all(sims, first, count, mqtt)) return 1;
  std::printf("ready\n");
  std::fflush(stdout);
  std::string verb;
  while (std::cin >> verb) {
    if (verb == "steady") {
      int seconds = 0;
      int every = 1;
      std::cin >> seconds >> every;
      steady(sims, seconds, every, {});
    } else if (verb == "flood") {
      int each = 0;
      std::cin >> each;
      flood(sims, each);
    }
    std::printf("done\n");
    std::fflush(stdout);
  }
  return 0;
}

struct Worker {
  pid_t pid = -1;
  FILE* to = nullptr;
  FILE* from = nullptr;
  bool says(const char* word) {
    char line[64];
    return from != nullptr && std::fgets(line, sizeof line, from) != nullptr &&
           std::string(line) == std::string(word) + "\n";
  }
  void tell(const std::string& line) {
    std::fputs((line + "\n").c_str(), to);
    std::fflush(to);
  }
};

Worker spawn_worker(int first, int count, int port) {
  int in[2];
  int out[2];
  Worker w;
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
    return w;  // not inherited by the next worker
  w.pid = fork();
  if (w.pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    const std::string f = std::to_string(first);
    const std::string c = std::to_string(count);
    const std::string p = std::to_string(port);
    execl("/proc/self/exe", "kiosk_fleet_load", "--worker", f.c_str(), c.c_str(), p.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  w.to = fdopen(in[1], "w");
  w.from = fdopen(out[0], "r");
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--worker") {
    return worker(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]));
  }
  const int kiosks = arg(argc, argv, "--kiosks", 500);
  const int steady_s = arg(argc, argv, "--seconds", 20);
  const int status_every_s = std::max(1, arg(argc, argv, "--status-every", 2));
  const int flood_each = arg(argc, argv, "--flood", 20);

  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    files.rlim_cur = files.rlim_max;  // the broker inherits it: 500 connections and more
    setrlimit(RLIMIT_NOFILE, &files);
  }
  auto started =
      kiosk_test::MosquittoBroker::start("allow_anonymous true\nmax_queued_messages 100000\n");
  if (!started) {
    std::fprintf(stderr, "fleet_load: %s\n", started.error().technician.c_str());
    return 1;
  }
  auto& broker = **started;
  fleet::MqttOptions mqtt;
  mqtt.port = broker.port();

  Stamps stamps;
  fleet::DashboardOptions options;
  options.mqtt = mqtt;
  options.http_port = 0;
  options.name = "load-desk";
  auto service = fleet::DashboardService::start(options);
  if (!service || !(*service)->wait_connected(10s)) {
    std::fprintf(stderr, "fleet_load: the dashboard did not start\n");
    return 1;
  }
  fleet::DashboardService& dashboard = **service;
  dashboard.board().set_alert_observer([&](const fleet::StaffAlert& a) {
    const auto now = Clock::now();
    const std::lock_guard lock(stamps.mutex);
    const auto it = stamps.raised.find({a.kiosk.kiosk, a.id});
    if (it != stamps.raised.end()) stamps.to_board.push_back(ms(now - it->second));
  });

  // Connect them all: the first (up to) 100 here, the rest in workers of up to 200.
  const auto connect_start = Clock::now();
  const int here = std::min(kiosks, 100);
  std::vector<Worker> workers;
  for (int first = here; first < kiosks; first += 200) {
    workers.push_back(spawn_worker(first, std::min(200, kiosks - first), broker.port()));
  }
  Sims sims;
  if (!connect_all(sims, 0, here, mqtt)) return 1;
  for (auto& w : workers) {
    if (!w.says("ready")) {
      std::fprintf(stderr, "fleet_load: a worker did not connect its kiosks\n");
      return 1;
    }
  }
  const double connect_ms = ms(Clock::now() - connect_start);

  // The browser's view: long-poll /state.json, stamp each call the first time it shows, answer it.
  std::atomic<bool> stop{false};
  std::thread watcher([&] {
    httplib::Client http("127.0.0.1", dashboard.http_port());
    http.set_read_timeout(30, 0);
    long version = 0;
    std::set<std::pair<std::string, long>> seen;
    while (!stop) {
      const auto res = http.Get("/state.json?after=" + std::to_string(version));
      const auto now = Clock::now();
      if (!res || res->status != 200) continue;
      const auto j = nlohmann::json::parse(res->body, nullptr, false);
      if (j.is_discarded()) continue;
      version = j.value("version", version);
      for (const auto& k : j["kiosks"]) {
        if (!k.contains("open_alert")) continue;
        const std::pair<std::string, long> key{k["kiosk"].get<std::string>(),
                                               k["open_alert"]["id"].get<long>()};
        if (!seen.insert(key).second) continue;
        {
          const std::lock_guard lock(stamps.mutex);
          const auto it = stamps.raised.find(key);
          if (it != stamps.raised.end()) stamps.to_json.push_back(ms(now - it->second));
        }
        const auto id = fleet::make_kiosk_id(k["hall"].get<std::string>(), key.first);
        (void)dashboard.acknowledge(*id, key.second);
      }
    }
  });

  // Steady: statuses staggered over the period everywhere, a call every 100 ms from here.
  const BrokerUsage before = usage(broker.pid());
  const long version_before = dashboard.board().snapshot().version;
  const auto steady_start = Clock::now();
  for (auto& w : workers) {
    w.tell("steady " + std::to_string(steady_s) + " " + std::to_string(status_every_s));
  }
  int next_alert = 0;
  const long published = steady(sims, steady_s, status_every_s, [&](long t) {
    if (t % 10 != 0) return;
    auto& sim = *sims[static_cast<std::size_t>(next_alert++ % here)];
    {
      const std::lock_guard lock(stamps.mutex);
      stamps.raised[{sim.id().kiosk, sim.next_alert_id()}] = Clock::now();  // before the call
    }
    (void)sim.raise_alert(static_cast<long>(std::time(nullptr)));
  });
  for (auto& w : workers) (void)w.says("done");
  const double steady_wall = std::chrono::duration<double>(Clock::now() - steady_start).count();
  const BrokerUsage after = usage(broker.pid());
  const long steady_taken = dashboard.board().snapshot().version - version_before;
  std::this_thread::sleep_for(500ms);  // the last calls reach /state.json
  stop = true;
  watcher.join();

  // Flood: everyone at once, until the dashboard took every message.
  const long flood_before = dashboard.board().snapshot().version;
  const BrokerUsage flood_usage_before = usage(broker.pid());
  const auto flood_start = Clock::now();
  for (auto& w : workers) w.tell("flood " + std::to_string(flood_each));
  flood(sims, flood_each);
  for (auto& w : workers) (void)w.says("done");
  const long flood_total = static_cast<long>(kiosks) * flood_each;
  bool all = false;
  while (!all && Clock::now() - flood_start < 60s) {
    const auto snap = dashboard.board().snapshot();
    all = snap.version - flood_before >= flood_total;
    if (!all) dashboard.board().wait_changed(snap.version, 100ms);
  }
  const double flood_wall = std::chrono::duration<double>(Clock::now() - flood_start).count();
  const BrokerUsage flood_usage_after = usage(broker.pid());

  std::vector<double> to_board;
  std::vector<double> to_json;
  {
    const std::lock_guard lock(stamps.mutex);
    to_board = stamps.to_board;
    to_json = stamps.to_json;
  }
  std::printf("BENCH fleet_kiosks %d kiosks\n", kiosks);
  std::printf("BENCH fleet_connect_all %.0f ms\n", connect_ms);
  std::printf("BENCH fleet_messages_per_s %.0f msg/s\n",
              static_cast<double>(steady_taken) / steady_wall);
  std::printf("BENCH fleet_broker_cpu_percent %.1f %%\n",
              100.0 * (after.cpu_s - before.cpu_s) / steady_wall);
  std::printf("BENCH fleet_broker_rss %.1f MB\n", after.rss_mb);
  std::printf("BENCH fleet_alert_to_dashboard_p50 %.2f ms\n", percentile(to_board, 0.50));
  std::printf("BENCH fleet_alert_to_dashboard_p99 %.2f ms\n", percentile(to_board, 0.99));
  std::printf("BENCH fleet_alert_to_state_json_p50 %.2f ms\n", percentile(to_json, 0.50));
  std::printf("BENCH fleet_alert_to_state_json_p99 %.2f ms\n", percentile(to_json, 0.99));
  std::printf("BENCH fleet_alerts_timed %zu alerts\n", to_board.size());
  std::printf("BENCH fleet_flood_messages_per_s %.0f msg/s\n",
              all ? static_cast<double>(flood_total) / flood_wall : 0.0);
  std::printf("BENCH fleet_flood_broker_cpu_percent %.1f %%\n",
              100.0 * (flood_usage_after.cpu_s - flood_usage_before.cpu_s) / flood_wall);
  std::printf("BENCH fleet_broker_peak_rss %.1f MB\n", flood_usage_after.peak_rss_mb);
  if (!all) std::fprintf(stderr, "fleet_load: the dashboard did not take every flood message\n");
  std::fprintf(stderr,
               "fleet_load: %ld published here in %.1f s steady; %ld messages taken by the "
               "dashboard\n",
               published, steady_wall, steady_taken);
  sims.clear();
  for (auto& w : workers) {
    std::fclose(w.to);  // the worker's stdin closes: it disconnects its kiosks and exits
    waitpid(w.pid, nullptr, 0);
    std::fclose(w.from);
  }
  return all ? 0 : 1;
}
