// kiosk-demo-gateway: serves the sample service pages on 127.0.0.1 for `make run`.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

#include "demo_gateway.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;

constexpr std::string_view kUsage =
    "usage: kiosk-demo-gateway [--port N] [--content DIR] [--port-file FILE]\n"
    "Serves the sample government service pages (a query form, an appointment form with a\n"
    "captcha and its spoken alternative, a rating endpoint, and deliberately bad pages for the\n"
    "tests) on 127.0.0.1 only.\n"
    "  --port N          port to listen on (default 8088; 0: any free port)\n"
    "  --content DIR     the pages to serve (default: the source tree's firmware/content)\n"
    "  --port-file FILE  write the port actually bound to FILE once listening\n"
    "  --help            this text\n"
    "Exit codes: 0 stopped by SIGINT/SIGTERM, 1 cannot listen, 2 bad arguments.\n";

bool parse_port(const char* text, int& port) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 65535) return false;
  port = static_cast<int>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 8088;
  std::string content = KIOSK_CONTENT_DIR;
  std::string port_file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    const bool takes_value = a == "--port" || a == "--content" || a == "--port-file";
    if (!takes_value || i + 1 >= argc) {
      std::fprintf(stderr, "kiosk-demo-gateway: %s '%s'\n%s",
                   takes_value ? "missing value after" : "unknown option", argv[i], kUsage.data());
      return 2;
    }
    const char* value = argv[++i];
    if (a == "--port" && !parse_port(value, port)) {
      std::fprintf(stderr, "kiosk-demo-gateway: --port wants 0..65535, not '%s'\n", value);
      return 2;
    }
    if (a == "--content") content = value;
    if (a == "--port-file") port_file = value;
  }
  kiosk::DemoGateway gateway(content);
  const int bound = gateway.start(port);
  if (bound < 0) {
    std::fprintf(stderr,
                 "kiosk-demo-gateway: cannot listen on 127.0.0.1:%d (taken by another program? "
                 "try --port 0)\n",
                 port);
    return 1;
  }
  if (!port_file.empty()) {
    std::ofstream(port_file) << bound << '\n';
  }
  std::fprintf(stderr, "kiosk-demo-gateway: http://127.0.0.1:%d/ serving %s\n", bound,
               content.c_str());
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  while (g_stop == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return 0;
}
