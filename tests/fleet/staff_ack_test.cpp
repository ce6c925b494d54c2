// kioskd's side of the fleet agent (KioskCore on the test harness): the hall's acknowledgement
// of a call (the agent's staff-ack file) is heard and shown once and the file taken away, and
// today's sessions are counted by mode for the health report the agent publishes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fleet_test_support.hpp"
#include "kiosk/runtime_paths.hpp"
#include "kiosk_harness.hpp"
#include "speech/staff_wording.hpp"

namespace {

using namespace std::chrono_literals;
using kiosk::Command;
using kiosk_test::KioskHarness;

bool heard(const std::vector<std::string>& said, const std::string& what) {
  for (const auto& s : said) {
    if (s.find(what) != std::string::npos) return true;
  }
  return false;
}

class StaffAck : public ::testing::Test {
 protected:
  kiosk_test::HarnessOptions options() {
    kiosk_test::HarnessOptions o;
    o.runtime_dir = dir_.path().string();
    return o;
  }
  void hand_over() { std::ofstream(paths_.staff_ack()) << "1\n"; }
  // A tick a little later each time: the watch looks at its file once a second.
  kiosk::Outcome later(KioskHarness& k) {
    t_ += 2s;
    return k.core().tick(t_);
  }
  fleet_test::TempDir dir_{"kiosk-staff-ack"};
  kiosk::RuntimePaths paths_{dir_.path().string()};
  kiosk::KioskCore::Clock::time_point t_ = kiosk::KioskCore::Clock::now();
};

TEST_F(StaffAck, TheCitizenWhoCalledHearsAndReadsThatStaffAreComing) {
  KioskHarness k(options());
  k.press(Command::CallStaff);
  ASSERT_TRUE(k.core().staff_called());
  k.forget_said();
  later(k);
  EXPECT_TRUE(k.said().empty());  // no acknowledgement yet: nothing more is said

  hand_over();
  EXPECT_EQ(later(k), kiosk::Outcome::Redraw);
  const auto said = k.said();
  EXPECT_TRUE(heard(said, "工作人员已收到呼叫，正在赶来，请稍候"))
      << ::testing::PrintToString(said);
  EXPECT_EQ(k.view().caption_override(), kiosk::staff_words::coming());
  EXPECT_FALSE(std::filesystem::exists(paths_.staff_ack()));  // heard once
  later(k);
  EXPECT_TRUE(k.said().empty());
  // Staff have not arrived yet: the call stays open at the kiosk.
  EXPECT_TRUE(k.core().staff_called());
}

TEST_F(StaffAck, WithNoCallOpenTheFileIsOnlyTakenAway) {
  KioskHarness k(options());
  k.press(Command::NextItem);
  k.forget_said();
  hand_over();
  later(k);
  EXPECT_FALSE(std::filesystem::exists(paths_.staff_ack()));
  EXPECT_FALSE(heard(k.said(), kiosk::staff_words::coming()));
}

TEST_F(StaffAck, TodaysSessionsAreCountedOncePerMode) {
  KioskHarness k(options());
  const auto usage = [&] { return k.core().usage(); };
  EXPECT_EQ(usage(), (kiosk::UsageFacts{true, 0, 0, 0}));  // the harness's session runs
  // Session 1: keys only, zoomed in twice, headphones in.
  k.press(Command::NextItem);
  k.press(Command::ZoomIn);
  k.press(Command::ZoomIn);
  k.core().headphones(true, t_);
  later(k);
  later(k);
  EXPECT_TRUE(usage().citizen_served);
  EXPECT_EQ(usage().large_type_sessions_today, 1);
  EXPECT_EQ(usage().audio_sessions_today, 1);
  EXPECT_EQ(usage().touch_sessions_today, 0);
  k.core().end_session();
  later(k);
  EXPECT_FALSE(usage().citizen_served);
  // Session 2: headphones still in (audio again), a touch, the zoom back to the board's.
  k.core().headphones(false, t_);
  k.core().touch(kiosk_test::button_point(k.view(), Command::Home), t_);
  later(k);
  EXPECT_EQ(usage().audio_sessions_today, 1);
  EXPECT_EQ(usage().large_type_sessions_today, 1);
  EXPECT_EQ(usage().touch_sessions_today, 1);
  // The health report the agent publishes carries them.
  const kiosk::HealthReport r = k.core().health_report();
  EXPECT_TRUE(r.citizen_served);
  EXPECT_EQ(r.touch_sessions_today, 1);
  EXPECT_EQ(r.large_type_sessions_today, 1);
  EXPECT_TRUE(r.repaired_pages.empty());
}

}  // namespace
