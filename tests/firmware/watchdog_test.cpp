// kioskd under systemd's watchdog: while a page trickles in from a slow server, kioskd keeps
// sending WATCHDOG=1 (the UI thread never waits for the network). The test plays systemd: a
// notify socket, WATCHDOG_USEC, and the gaps between pings measured.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "slow_http_server.hpp"
#include "test_support.hpp"

namespace {

using Clock = std::chrono::steady_clock;

TEST(Watchdog, PingsKeepComingWhileASlowPageLoads) {
  kiosk_test::SlowHttpOptions trickle;
  trickle.slow_body_bytes = 60;
  kiosk_test::SlowHttpServer slow(trickle);
  const std::string dir = std::filesystem::absolute("watchdog-test").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // A board like the desktop's, allowing the slow server.
  std::ifstream in(kiosk_test::source_dir() + "/board/profiles/desktop.toml");
  std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  toml = std::regex_replace(toml, std::regex("origins = \\[.*\\]"),
                            "origins = [\"" + slow.url("") + "\"]");
  toml =
      std::regex_replace(toml, std::regex("\nhome = .*"), "\nhome = \"" + slow.url("/slow") + "\"");
  std::ofstream(dir + "/board.toml") << toml;

  const std::string socket_path = dir + "/notify.sock";
  const int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{0, 100'000};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    setenv("WATCHDOG_USEC", "1000000", 1);  // 1 s: kioskd pings every 500 ms
    const std::string board = dir + "/board.toml";
    const std::string out = dir + "/out";
    execl(KIOSKD_PATH, KIOSKD_PATH, "--board", board.c_str(), "--video", "offscreen", "--no-speech",
          "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::vector<Clock::time_point> pings;
  bool ready = false;
  const auto until = Clock::now() + std::chrono::seconds(4);
  while (Clock::now() < until) {
    char buf[512];
    const ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0) continue;
    const std::string msg(buf, static_cast<std::size_t>(n));
    if (msg.find("READY=1") != std::string::npos) ready = true;
    if (msg.find("WATCHDOG=1") != std::string::npos) pings.push_back(Clock::now());
  }
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  close(sock);
  EXPECT_TRUE(ready);
  ASSERT_GE(pings.size(), 5u) << "pings while the page trickled in";
  auto worst = std::chrono::milliseconds(0);
  for (std::size_t i = 1; i < pings.size(); ++i) {
    worst = std::max(
        worst, std::chrono::duration_cast<std::chrono::milliseconds>(pings[i] - pings[i - 1]));
  }
  std::printf("watchdog: %zu pings in 4 s while loading, longest gap %lld ms\n", pings.size(),
              static_cast<long long>(worst.count()));
  EXPECT_LT(worst, std::chrono::milliseconds(1000)) << "within the watchdog interval";
}

}  // namespace
