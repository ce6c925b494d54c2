// hall-dashboard: the hall's kiosks for staff on a web page (issue 16). Subscribes to the
// broker, serves the page on loopback; see fleet/dashboard_service.hpp for the routes.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "fleet/dashboard_service.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;

constexpr std::string_view kUsage =
    "usage: hall-dashboard [options]\n"
    "Shows every kiosk of a hall (state, staff calls with 确认, kiosks offline) on a web page\n"
    "for the hall's staff, from the fleet's MQTT broker.\n"
    "  --broker-host H   MQTT broker (default 127.0.0.1)\n"
    "  --broker-port N   (default 1883; 8883 is usual with TLS)\n"
    "  --ca FILE --cert FILE --key FILE\n"
    "                    TLS: the broker's CA, this dashboard's certificate and key (all three)\n"
    "  --hall NAME       only this hall's kiosks (kiosk/NAME/#; default: every hall)\n"
    "  --name NAME       the dashboard's name, sent with each acknowledgement\n"
    "                    (default hall-dashboard; never a person's name)\n"
    "  --http-host H     where the page is served (default 127.0.0.1)\n"
    "  --http-port N     (default 8090; 0: any free port)\n"
    "  --port-file FILE  write the HTTP port actually bound to FILE once listening\n"
    "  --help            this text\n"
    "Exit codes: 0 stopped by SIGINT/SIGTERM, 1 cannot start, 2 bad arguments.\n";

bool parse_port(const char* text, int& port) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 65535) return false;
  port = static_cast<int>(value);
  return true;
}

int usage_error(const std::string& what) {
  std::fprintf(stderr, "hall-dashboard: %s\n%s", what.c_str(), kUsage.data());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fleet::DashboardOptions options;
  fleet::MqttTls tls;
  std::string port_file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (i + 1 >= argc)
      return usage_error("missing value after or unknown option '" + std::string(a) + "'");
    const char* value = argv[++i];
    if (a == "--broker-host")
      options.mqtt.host = value;
    else if (a == "--broker-port" || a == "--http-port") {
      int port = 0;
      if (!parse_port(value, port)) return usage_error(std::string(a) + " wants 0..65535");
      (a == "--broker-port" ? options.mqtt.port : options.http_port) = port;
    } else if (a == "--ca")
      tls.ca_file = value;
    else if (a == "--cert")
      tls.cert_file = value;
    else if (a == "--key")
      tls.key_file = value;
    else if (a == "--hall")
      options.hall = value;
    else if (a == "--name")
      options.name = value;
    else if (a == "--http-host")
      options.http_host = value;
    else if (a == "--port-file")
      port_file = value;
    else
      return usage_error("unknown option '" + std::string(a) + "'");
  }
  const int tls_given = !tls.ca_file.empty() + !tls.cert_file.empty() + !tls.key_file.empty();
  if (tls_given != 0 && tls_given != 3) return usage_error("TLS wants --ca, --cert and --key");
  if (tls_given == 3) options.mqtt.tls = tls;
  if (options.name.empty() || options.name.size() > 64) {
    return usage_error("--name wants 1..64 characters");
  }

  auto service = fleet::DashboardService::start(options);
  if (!service) {
    std::fprintf(stderr, "hall-dashboard: %s\n", service.error().technician.c_str());
    return 1;
  }
  const int port = (*service)->http_port();
  if (!port_file.empty()) std::ofstream(port_file) << port << '\n';
  std::fprintf(stderr, "hall-dashboard: http://%s:%d/ (broker %s:%d, %s)\n",
               options.http_host.c_str(), port, options.mqtt.host.c_str(), options.mqtt.port,
               options.hall.empty() ? "every hall" : ("hall " + options.hall).c_str());
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  while (g_stop == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return 0;
}
