// kioskd under systemd's watchdog: while a page trickles in from a slow server, kioskd keeps
// sending WATCHDOG=1 (the UI thread never waits for the network). The test plays systemd: a
// notify socket, WATCHDOG_USEC, and the gaps between pings measured.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kioskd_process.hpp"
#include "slow_http_server.hpp"
#include "systemd_notify.hpp"
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
  std::ofstream(dir + "/board.toml")
      << kiosk_test::desktop_board_toml(slow.url(""), slow.url("/slow"));
  kiosk_test::NotifySocket notify(dir + "/notify.sock");
  ASSERT_TRUE(notify.ok());
  // 1 s: kioskd pings every 500 ms.
  std::vector<std::string> env = notify.environment(std::chrono::microseconds(1'000'000));
  env.push_back("SDL_VIDEODRIVER=offscreen");
  kiosk_test::KioskdProcess kioskd({"--board", dir + "/board.toml", "--video", "offscreen",
                                    "--no-speech", "--out", dir + "/out"},
                                   env);
  ASSERT_GT(kioskd.pid(), 0);
  const auto until = Clock::now() + std::chrono::seconds(4);
  while (Clock::now() < until) {
    notify.receive(std::chrono::milliseconds(100));
    kioskd.drain();
  }
  kioskd.stop();
  const bool ready = notify.ready();
  const std::vector<Clock::time_point>& pings = notify.pings();
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
