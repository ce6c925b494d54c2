// kiosk-demo-gateway: serves the sample service pages on 127.0.0.1 for `make run`.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "demo_gateway.hpp"

namespace {
volatile std::sig_atomic_t g_stop = 0;
}

int main(int argc, char** argv) {
  int port = 8088;
  std::string content = KIOSK_CONTENT_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--port") port = std::atoi(argv[i + 1]);
    if (a == "--content") content = argv[i + 1];
  }
  kiosk::DemoGateway gateway(content);
  const int bound = gateway.start(port);
  if (bound < 0) {
    std::fprintf(stderr, "kiosk-demo-gateway: cannot listen on 127.0.0.1:%d (already running?)\n",
                 port);
    return 1;
  }
  std::fprintf(stderr, "kiosk-demo-gateway: http://127.0.0.1:%d/ serving %s\n", bound,
               content.c_str());
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  while (g_stop == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return 0;
}
