// The door to staff mode: the right PIN opens it, five wrong ones lock it for five minutes
// (even the right PIN is refused then), an unprovisioned kiosk has no staff mode.
#include <gtest/gtest.h>

#include "board/staff_pin.hpp"
#include "staff/staff_gate.hpp"

namespace {

using kiosk::StaffGate;
using Verdict = StaffGate::Verdict;

TEST(StaffGate, FiveWrongPinsLockItForFiveMinutes) {
  const auto hashed = board::hash_staff_pin("402719");
  ASSERT_FALSE(hashed.hash.empty()) << hashed.error;
  StaffGate gate(hashed.hash);
  const drivers::SecureString right("402719");
  const drivers::SecureString wrong("111111");
  auto t = StaffGate::Clock::now();
  EXPECT_EQ(gate.try_pin(right, t).verdict, Verdict::Open);
  for (int i = 1; i < StaffGate::kTries; ++i) {
    const auto a = gate.try_pin(wrong, t);
    EXPECT_EQ(a.verdict, Verdict::Wrong);
    EXPECT_EQ(a.tries_left, StaffGate::kTries - i);
  }
  const auto locked = gate.try_pin(wrong, t);
  EXPECT_EQ(locked.verdict, Verdict::Locked);
  EXPECT_EQ(locked.locked_for, std::chrono::seconds(300));
  const auto still = gate.try_pin(right, t + std::chrono::seconds(100));
  EXPECT_EQ(still.verdict, Verdict::Locked) << "not even the right PIN while locked";
  EXPECT_EQ(still.locked_for, std::chrono::seconds(200));
  EXPECT_EQ(gate.try_pin(right, t + std::chrono::minutes(5)).verdict, Verdict::Open);
}

TEST(StaffGate, AnUnprovisionedKioskHasNoStaffMode) {
  StaffGate gate("");
  EXPECT_EQ(gate.try_pin(drivers::SecureString("402719"), StaffGate::Clock::now()).verdict,
            Verdict::NotProvisioned);
}

}  // namespace
