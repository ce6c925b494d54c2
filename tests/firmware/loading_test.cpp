// Pages load off the UI thread: while a server trickles a page at 1 byte a second, or sends a
// 4 MB page, the loop keeps drawing and ticking (the longest UI-thread step is measured),
// "正在打开" is said after 300 ms, Back (Esc) stops the load, and a broken answer ends with a
// message the citizen hears and reads.
#include <gtest/gtest.h>

#include <time.h>

#include <chrono>
#include <cstdio>

#include "kiosk_harness.hpp"
#include "slow_http_server.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Clock = std::chrono::steady_clock;
using Said = std::vector<std::string>;

kiosk_test::HarnessOptions also_allow(const std::string& origin) {
  kiosk_test::HarnessOptions o;
  o.extra_origins = {origin};
  return o;
}

double ms(std::chrono::microseconds d) {
  return static_cast<double>(d.count()) / 1000.0;
}

// The CPU time this thread has used: what the UI thread itself spends, whatever else the
// machine is doing (a loaded CI machine pre-empts threads, which is no stall of ours).
std::chrono::microseconds thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::nanoseconds(ts.tv_nsec));
}

// One turn of kioskd's loop on the UI thread: tick, then draw. Returns the UI thread's work
// in it. Blocking on the network would not show as CPU time, so the turn's wall time is
// bounded too (generously: a loaded machine stretches it).
std::chrono::microseconds loop_turn(kiosk::KioskCore& core) {
  const auto cpu0 = thread_cpu();
  const auto t0 = Clock::now();
  core.tick();
  core.draw();
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(500)) << "the UI thread waited";
  return thread_cpu() - cpu0;
}

TEST(Loading, ASlowServerNeverStallsTheUiAndEscStopsIt) {
  kiosk_test::SlowHttpOptions trickle;
  trickle.slow_body_bytes = 30;
  trickle.slow_bytes_per_second = 1.0;
  kiosk_test::SlowHttpServer slow(trickle);
  KioskHarness k(also_allow(slow.url("")));
  k.core().browser().open(slow.url("/slow"));
  std::chrono::microseconds worst{0};
  const auto until = Clock::now() + std::chrono::milliseconds(1500);
  int turns = 0;
  while (Clock::now() < until) {
    worst = std::max(worst, loop_turn(k.core()));
    ++turns;
  }
  std::printf("UI thread while a page trickles in: longest loop turn (CPU) %.1f ms over %d turns\n",
              ms(worst), turns);
  EXPECT_LT(worst, std::chrono::milliseconds(50));
  EXPECT_TRUE(k.core().browser().loading());
  EXPECT_EQ(k.said(), Said{"正在打开，请稍候"}) << "said once, after 300 ms";
  EXPECT_EQ(k.view().caption_override(), "正在打开，请稍候……按返回键停止");
  // Keys keep working meanwhile.
  EXPECT_EQ(k.core().command(Command::NextItem), kiosk::Outcome::Redraw);
  k.forget_said();
  k.core().command(Command::Back);
  EXPECT_FALSE(k.core().browser().loading());
  EXPECT_EQ(k.said(), Said{"已停止打开"});
  EXPECT_EQ(k.view().document().title, "政务服务自助终端") << "still the page before";
}

TEST(Loading, AFourMegabytePageArrivesWithoutStallingTheUi) {
  kiosk_test::SlowHttpOptions big;
  big.big_body_bytes = 4'000'000;
  kiosk_test::SlowHttpServer server(big);
  KioskHarness k(also_allow(server.url("")));
  k.core().browser().open(server.url("/big"));
  std::chrono::microseconds worst{0};
  std::chrono::microseconds arrival{0};
  // A sanitizer build parses and lays out many times slower; the bound is on the UI thread's
  // turns, not on how long the loader takes.
  const auto until = Clock::now() + std::chrono::seconds(180);
  while (k.core().browser().loading() && Clock::now() < until) {
    const bool was_loading = k.core().browser().loading();
    const auto turn = loop_turn(k.core());
    if (was_loading && !k.core().browser().loading()) {
      arrival = turn;  // the turn that shows the new page (set_document and layout)
    } else {
      worst = std::max(worst, turn);
    }
  }
  ASSERT_FALSE(k.core().browser().loading()) << "loaded within 180 s";
  std::printf(
      "4 MB page: longest loop turn (CPU) while loading %.1f ms; the turn showing it %.1f ms\n",
      ms(worst), ms(arrival));
  EXPECT_LT(worst, std::chrono::milliseconds(50));
  EXPECT_LT(arrival, std::chrono::milliseconds(50)) << "laid out on the loader's thread";
  EXPECT_EQ(k.core().browser().url(), server.url("/big"));
}

TEST(Loading, ABrokenAnswerEndsWithAMessageHeardAndShown) {
  kiosk_test::SlowHttpServer server;
  KioskHarness k(also_allow(server.url("")));
  k.core().browser().open(server.url("/truncated"));
  ASSERT_TRUE(k.core().wait_until_loaded(std::chrono::seconds(10)));
  EXPECT_EQ(k.view().document().title, "无法打开页面");
  const auto spoken = k.speaker().take();
  ASSERT_FALSE(spoken.empty());
  EXPECT_EQ(spoken.back().reason, kiosk::Reason::Loading);
  EXPECT_EQ(spoken.back().earcon, tts::Earcon::Error);
  EXPECT_EQ(spoken.back().text, "无法连接到政务服务网站。请稍后再试，或请工作人员协助您。");
}

TEST(Loading, MissingPagesAndTheNextCitizenStartClean) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/"));
  ASSERT_TRUE(k.tab_to("一个不存在的页面"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "无法打开页面");
  EXPECT_EQ(k.said(), Said{"没有找到这个页面。请按返回键回到上一页。"});
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
}

}  // namespace
